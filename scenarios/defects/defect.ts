/**
 * A defect is a known way gateways get MCP authorization wrong (the real-world failures of
 * mcp-requirements.md), injected by the proxy in front of a correct gateway — never by code inside
 * the gateway. Each names the requirement ids it breaks and the symptom users report.
 */
import type { ExchangeRequest, ExchangeResponse } from '../runner/proxy/exchange.ts';

export interface Defect {
  readonly id: string;
  readonly title: string;
  /** The ids a scenario against this defect must report as failed. */
  readonly requirementIds: readonly string[];
  /** What the user sees in their AI client. */
  readonly symptom: string;
  /** Answer a request without asking the gateway. */
  onRequest?(request: ExchangeRequest): ExchangeResponse | undefined;
  /** Alter the gateway's answer. */
  onResponse?(request: ExchangeRequest, response: ExchangeResponse): ExchangeResponse;
  /** Alter a long-lived event stream as it passes. */
  onStreamChunk?(chunk: string): string;
}
