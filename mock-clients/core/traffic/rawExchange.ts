/**
 * An exchange as first observed, secrets still in it. It never leaves the process that observed it
 * except one way: the Inspector page posts its raw exchanges to its own backend over loopback, where
 * describeExchange turns them into TrafficExchange records. Pure (no Node APIs): the browser bundle
 * imports it.
 */
import type { ExchangeKind, TrafficPhase } from './exchange.ts';

export interface RawExchange {
  readonly connectionId: string;
  readonly phase: TrafficPhase;
  readonly kind: ExchangeKind;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: string | undefined;
  readonly status?: number | undefined;
  readonly error?: string | undefined;
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** Only for JSON answers and MCP POST answers; capped (MAX_RECORDED_BODY_CHARS). */
  readonly responseBody?: string | undefined;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly durationMs?: number | undefined;
}

export const MAX_RECORDED_BODY_CHARS = 256 * 1024;

/** Lower-cased header map from anything fetch accepts as headers. */
export function headerRecord(headers: HeadersInit | Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers ?? {}).forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/** A request body as text, when it is text-like (JSON, form); undefined otherwise. */
export function bodyText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  return undefined;
}

/** Whether the answer's body is worth keeping: OAuth/metadata JSON, and MCP POST answers (JSON or SSE). */
export function wantsResponseBody(phase: TrafficPhase, method: string, contentType: string): boolean {
  if (method === 'GET' && phase === 'mcp') return false; // the standalone SSE stream never ends
  return /json|event-stream/i.test(contentType);
}

/**
 * Phase of a browser-side request, from what the page knows: requests to the MCP URL are `mcp`
 * (or `discovery` when they carry no credentials — the probe that meets the 401), token requests
 * by grant type, registration by its JSON body, everything else (well-known documents) discovery.
 */
export function classifyPhase(url: string, method: string, headers: Readonly<Record<string, string>>, body: string | undefined, mcpUrl: string): TrafficPhase {
  const target = URL.parse(url);
  const mcp = URL.parse(mcpUrl);
  if (target && mcp && target.origin === mcp.origin && target.pathname === mcp.pathname) {
    return headers.authorization ? 'mcp' : 'discovery';
  }
  if (method === 'POST' && body !== undefined) {
    const grant = /(?:^|&)grant_type=([^&]*)/.exec(body)?.[1];
    if (grant === 'refresh_token') return 'refresh';
    if (grant !== undefined) return 'token';
    if (body.trimStart().startsWith('{') && body.includes('redirect_uris')) return 'registration';
  }
  return 'discovery';
}
