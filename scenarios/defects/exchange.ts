/**
 * One HTTP exchange between a client (its backend or the browser) and the gateway, as the proxy saw
 * it. Bodies are kept in memory only for the checks; reports show a redacted summary.
 */
import { jsonRpcMessages } from '../../mock-clients/core/traffic/jsonRpcSummary.ts';

export interface ExchangeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ExchangeResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly cookies?: readonly string[];
  readonly body: string;
  readonly binary?: boolean;
}

export interface Exchange {
  readonly seq: number;
  /** The real origin the request was forwarded to (the gateway's, or an authorization server's elsewhere). */
  readonly origin?: string;
  /** Set when the target gave no answer at all (connection refused or reset, timeout): the proxy answered 502 itself. */
  readonly failure?: string;
  readonly at: number;
  readonly durationMs: number;
  readonly request: ExchangeRequest;
  readonly response: Pick<ExchangeResponse, 'status' | 'headers' | 'body'>;
  /** A long-lived SSE stream (body not captured). */
  readonly stream: boolean;
  /** The defect active when it happened. */
  readonly defect: string | undefined;
  readonly fingerprint: (value: string) => string;
}

/** The JSON body of a request or answer, or undefined. */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON-RPC messages of an MCP answer: a JSON body or the data lines of an SSE body (told apart by their first character). */
export function rpcMessages(text: string): Record<string, unknown>[] {
  return jsonRpcMessages(text, /^\s*[[{]/.test(text) ? 'application/json' : 'text/event-stream');
}

export function formOf(exchange: Exchange): URLSearchParams {
  return exchange.request.headers['content-type']?.includes('application/x-www-form-urlencoded') ? new URLSearchParams(exchange.request.body) : new URLSearchParams();
}

export const isTokenRequest = (request: ExchangeRequest) => request.method === 'POST' && /\/token$/.test(request.path);

/** An answer the proxy gives itself (a defect, a deployment condition): JSON, never cached. */
export const jsonAnswer = (status: number, body: unknown, headers: Record<string, string> = {}): ExchangeResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});
