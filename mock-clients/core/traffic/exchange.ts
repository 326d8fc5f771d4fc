/**
 * The traffic recording's one record type: an HTTP exchange between a client look-alike and the
 * gateway (or the authorization URL the client sent the browser to, or the redirect that came
 * back). Scenario checks are computed from these, so every field that a requirement talks about is
 * here — and no secret is: access/refresh/ID tokens, codes, verifiers and client secrets appear only
 * as keyed fingerprints (`fp:` + HMAC-SHA256 with a per-process random key, base64url, 22 chars).
 * The same secret always has the same fingerprint within one process, so a check can still tell
 * "the refresh token changed" or "this code was redeemed".
 */
import type { ClientProfileId } from '../profileTypes.ts';

export type TrafficPhase = 'discovery' | 'registration' | 'authorization' | 'token' | 'refresh' | 'mcp';

/**
 * - `http`: a request the client made and the answer it got;
 * - `browser-redirect`: the authorization URL the client sent the browser to (no status: the client
 *   does not see that request);
 * - `callback`: the browser arriving back at the client's redirect URI with `code`/`error`;
 * - `document-served`: the other direction — someone (the gateway, for CIMD) fetched this client's
 *   Client ID Metadata Document from the look-alike; `from` is `backend`, status is what it answered.
 */
export type ExchangeKind = 'http' | 'browser-redirect' | 'callback' | 'document-served';

/** What the JSON-RPC answer of an MCP POST said, as far as checks need it. */
export interface McpResultSummary {
  readonly error?: { readonly code: number; readonly message: string };
  /** tools/call: the result's isError. */
  readonly isError?: boolean;
  /** tools/list: the names, in the server's order. */
  readonly tools?: readonly string[];
  readonly nextCursor?: string;
  /** initialize: the negotiated version and whether tools.listChanged was declared. */
  readonly protocolVersion?: string;
  readonly toolsListChanged?: boolean;
}

export interface McpFacts {
  /** JSON-RPC method of the POSTed message (`initialize`, `tools/list`, `tools/call`, `notifications/initialized`, …). */
  readonly method?: string;
  readonly requestId?: string | number;
  /** tools/call: the tool name. */
  readonly tool?: string;
  /** The `MCP-Protocol-Version` request header. */
  readonly protocolVersion?: string;
  /** The `Mcp-Session-Id` the request carried or the response assigned. */
  readonly sessionId?: string;
  readonly result?: McpResultSummary;
}

export interface TrafficExchange {
  /** Order of the requests as they started (per process, across profiles). */
  readonly seq: number;
  /** ISO time the request started. */
  readonly at: string;
  readonly profile: ClientProfileId;
  /** The app (ChatGPT), connector (Claude) or page connection (Inspector) the exchange belongs to. */
  readonly connectionId: string;
  readonly phase: TrafficPhase;
  readonly kind: ExchangeKind;
  /** Who made the request: the look-alike's server side, or (Inspector) the browser page itself. */
  readonly from: 'backend' | 'browser';
  readonly method: string;
  /** The URL with every query parameter that is not known-public replaced by its fingerprint. */
  readonly url: string;
  /** HTTP status; 0 when the request failed without one (network error, browser CORS refusal). */
  readonly status?: number;
  /** Why a request got no response (no secret in it). */
  readonly error?: string;
  readonly durationMs?: number;
  /**
   * Request headers that matter, lower-case: authorization (`Bearer fp:…`), content-type, accept,
   * origin (browser-side: the origin the browser sent), user-agent, mcp-protocol-version,
   * mcp-session-id, last-event-id.
   */
  readonly requestHeaders: Readonly<Record<string, string>>;
  /**
   * Response headers that matter, lower-case: www-authenticate, location (query fingerprinted),
   * content-type, cache-control, mcp-session-id, mcp-protocol-version, access-control-*. Browser-side
   * exchanges hold only what CORS let the page read — itself a CLIENT-INSPECTOR-02 fact.
   */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /**
   * OAuth parameters from the query string and the form body: resource, scope, code_challenge,
   * code_challenge_method, response_type, grant_type, redirect_uri, client_id, state, prompt, iss,
   * error, error_description kept as sent; code, code_verifier, refresh_token, client_secret and any
   * unknown parameter fingerprinted.
   */
  readonly params: Readonly<Record<string, string>>;
  /** Registration request body (JSON), secrets fingerprinted. */
  readonly requestBody?: unknown;
  /** JSON body of metadata, registration and token responses (and OAuth errors), secrets fingerprinted. */
  readonly responseBody?: unknown;
  readonly mcp?: McpFacts;
}

export interface TrafficFilter {
  readonly profile?: ClientProfileId;
  readonly connectionId?: string;
  readonly phase?: TrafficPhase;
  readonly kind?: ExchangeKind;
  readonly from?: 'backend' | 'browser';
  readonly method?: string;
  readonly status?: number;
  /** The JSON-RPC method (`tools/list`, …). */
  readonly mcpMethod?: string;
  /** A substring of the (sanitized) URL. */
  readonly urlIncludes?: string;
}

export function matchesTrafficFilter(entry: TrafficExchange, filter: TrafficFilter): boolean {
  if (filter.profile !== undefined && entry.profile !== filter.profile) return false;
  if (filter.connectionId !== undefined && entry.connectionId !== filter.connectionId) return false;
  if (filter.phase !== undefined && entry.phase !== filter.phase) return false;
  if (filter.kind !== undefined && entry.kind !== filter.kind) return false;
  if (filter.from !== undefined && entry.from !== filter.from) return false;
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false;
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  if (filter.mcpMethod !== undefined && entry.mcp?.method !== filter.mcpMethod) return false;
  if (filter.urlIncludes !== undefined && !entry.url.includes(filter.urlIncludes)) return false;
  return true;
}
