/**
 * What the doctor's probes share: the MCP URL (the observing proxy's), the record, what discovery
 * found so far, and whether the target still answers. Every request carries `X-Gangway-Probe:
 * <name>` so the checks find their own exchange by what it was for, whatever paths the target
 * uses, and the operator can find the doctor's requests in their logs.
 *
 * A probe never throws: a transport failure is a finding. The first one — or a 502/503/504, what a
 * load balancer answers for a server behind it that died — is confirmed by repeating the run's
 * first request (the MCP endpoint without a token, which answered before) after a pause; if that is
 * not answered either, the target "stopped answering" at that request, no later probe runs, and
 * the checks that needed them are NOT RUN, not failed.
 */
import { jsonOf } from '../../../wire/jsonRpcMessages.ts';
import type { Exchange } from '../../runner/proxy/exchange.ts';
import type { ObservingProxy } from '../../runner/proxy/observingProxy.ts';
import type { Discovery } from './discoveryRecord.ts';

export const PROBE_HEADER = 'x-gangway-probe';
/** A target that never answers is a finding, not a hang. */
const PROBE_TIMEOUT_MS = 10_000;
const CONFIRM_PAUSE_MS = 500;

/** The stages of a doctor run, in the order a client meets them; checks name the stages they read. */
export type ProbeStage = 'unauthenticated' | 'prm' | 'as-metadata' | 'registration' | 'authorization' | 'token-endpoint' | 'bearer' | 'signed-in' | 'origin' | 'cors';

export interface Stopped {
  /** The request that got no answer, e.g. "POST /register". */
  readonly request: string;
  /** Its number among the doctor's requests (1-based). */
  readonly number: number;
  readonly why: string;
  readonly stage: ProbeStage;
}

export interface ProbeAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body as a JSON object, when it is one. */
  readonly json: Record<string, unknown> | undefined;
  /** Set when no answer came (the request failed or timed out). */
  readonly failed?: string;
}

export interface ProbeSession {
  readonly mcpUrl: string;
  readonly proxy: ObservingProxy;
  readonly token: string | undefined;
  readonly discovery: Discovery;
  stage: ProbeStage;
  readonly completed: Set<ProbeStage>;
  stopped: Stopped | undefined;
  requests: number;
}

export function createProbeSession(proxy: ObservingProxy, mcpUrl: string, token: string | undefined, discovery: Discovery): ProbeSession {
  return { mcpUrl, proxy, token, discovery, stage: 'unauthenticated', completed: new Set(), stopped: undefined, requests: 0 };
}

const NO_ANSWER = (why: string): ProbeAnswer => ({ status: 0, headers: new Headers(), text: '', json: undefined, failed: why });

async function send(session: ProbeSession, probe: string, url: string, init: RequestInit): Promise<ProbeAnswer> {
  const headers = new Headers(init.headers);
  headers.set(PROBE_HEADER, probe);
  session.requests += 1;
  const recorded = session.proxy.exchanges.length;
  try {
    const response = await fetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const text = await response.text();
    const failure = session.proxy.exchanges.slice(recorded).find((e) => e.failure)?.failure;
    if (failure) return NO_ANSWER(failure);
    const json = jsonOf(text);
    return { status: response.status, headers: response.headers, text, json: json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined };
  } catch (error) {
    return NO_ANSWER((error as Error).name === 'TimeoutError' ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : (error as Error).message);
  }
}

const GATEWAY_ERRORS = new Set([502, 503, 504]);
const unanswered = (answer: ProbeAnswer) => answer.failed ?? (GATEWAY_ERRORS.has(answer.status) ? `${answer.status} from in front of the server` : undefined);

/** Sent to the MCP endpoint — which answered the run's first request — to tell a dead target from one refusing a single request. */
const LIVENESS_REQUEST: RequestInit = {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'ping' }),
};

/**
 * One probe request. After the target stopped answering it sends nothing and answers "not sent";
 * an unanswered request is confirmed once (the very first one needs no confirming: nothing ever
 * answered) before the target is declared stopped at it.
 */
export async function probe(session: ProbeSession, name: string, url: string, init: RequestInit = {}): Promise<ProbeAnswer> {
  if (session.stopped) return NO_ANSWER('not sent: the target had stopped answering');
  const answer = await send(session, name, url, init);
  const why = unanswered(answer);
  if (!why) return answer;
  const number = session.requests;
  if (number > 1) {
    await new Promise((resolve) => setTimeout(resolve, CONFIRM_PAUSE_MS));
    if (!unanswered(await send(session, 'liveness', session.mcpUrl, LIVENESS_REQUEST))) return answer;
  }
  session.stopped = { request: `${init.method ?? 'GET'} ${new URL(session.proxy.real(url)).pathname}`, number, why, stage: session.stage };
  return answer;
}

/** Runs a stage unless the target stopped answering before it; marks it completed when it ran whole. */
export async function stage(session: ProbeSession, name: ProbeStage, run: () => Promise<void>): Promise<void> {
  if (session.stopped) return;
  session.stage = name;
  await run();
  if (!session.stopped) session.completed.add(name);
}

export function probeExchanges(exchanges: readonly Exchange[], name: string): Exchange[] {
  return exchanges.filter((e) => e.request.headers[PROBE_HEADER] === name);
}
