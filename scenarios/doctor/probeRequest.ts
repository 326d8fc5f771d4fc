/**
 * Every request the doctor makes itself carries `X-Gangway-Probe: <name>`, so its checks find their
 * own exchange in the proxy's record by what it was for, whatever paths the gateway uses — and the
 * gateway operator can find the doctor's requests in their logs.
 */
import { jsonOf, type Exchange } from '../defects/exchange.ts';

export const PROBE_HEADER = 'x-gangway-probe';
/** A gateway that never answers is a finding, not a hang. */
const PROBE_TIMEOUT_MS = 15_000;

export function probeRequest(probe: string, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(PROBE_HEADER, probe);
  return fetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
}

/** Reads a probe's answer as JSON (or undefined): probes never throw on a gateway's odd answer. */
export async function jsonAnswer(response: Response): Promise<Record<string, unknown> | undefined> {
  const value = jsonOf(await response.text());
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

export function probeExchanges(exchanges: readonly Exchange[], probe: string): Exchange[] {
  return exchanges.filter((e) => e.request.headers[PROBE_HEADER] === probe);
}
