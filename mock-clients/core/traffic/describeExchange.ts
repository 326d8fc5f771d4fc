/**
 * Turns a RawExchange into the facts a TrafficExchange keeps, replacing every secret with its
 * fingerprint. The rule is an allow-list: OAuth parameters and JSON fields known to be public are
 * kept; known secret fields and any parameter we do not know are fingerprinted; headers not listed
 * are dropped. So a new secret-bearing field fails safe.
 */
import type { McpFacts, TrafficExchange } from './exchange.ts';
import type { Fingerprint } from '../../../wire/fingerprint.ts';
import { jsonOf, rpcRequestFacts } from '../../../wire/jsonRpcMessages.ts';
import { summarizeJsonRpcAnswer } from './jsonRpcSummary.ts';
import type { RawExchange } from './rawExchange.ts';

/** OAuth / RFC 9207 parameters that are not secrets and that checks read. */
const PUBLIC_PARAMS = new Set([
  'resource',
  'scope',
  'code_challenge',
  'code_challenge_method',
  'response_type',
  'response_mode',
  'grant_type',
  'redirect_uri',
  'client_id',
  'state',
  'prompt',
  'iss',
  'error',
  'error_description',
  'error_uri',
  'token_type_hint',
  'nonce',
  'login_hint',
  'ui_locales',
]);

/** JSON fields whose values are credentials, wherever they appear. */
const SECRET_JSON_KEYS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'id_token_hint',
  'client_secret',
  'code',
  'code_verifier',
  'registration_access_token',
  'client_assertion',
  'token',
  'password',
  'api_key',
]);

/**
 * `mcp-method` / `mcp-name` (2026-07-28): the routing headers that mirror the body's method and its
 * tool, prompt or resource name; a check compares them with the body (REV26-02). Names, not secrets.
 */
const REQUEST_HEADERS = ['authorization', 'content-type', 'accept', 'origin', 'user-agent', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id', 'mcp-method', 'mcp-name'];
const RESPONSE_HEADERS = ['www-authenticate', 'location', 'content-type', 'cache-control', 'mcp-session-id', 'mcp-protocol-version', 'vary'];

type Described = Omit<TrafficExchange, 'seq' | 'profile' | 'from'>;

export function sanitizeUrl(url: string, fp: Fingerprint): string {
  const parsed = URL.parse(url);
  if (!parsed) return '[unparsable URL]';
  // Credentials in the authority and fragments (implicit-flow tokens) never belong in a recording.
  if (parsed.username) parsed.username = fp(parsed.username);
  if (parsed.password) parsed.password = fp(parsed.password);
  if (parsed.hash) parsed.hash = fp(parsed.hash.slice(1));
  const params = new URLSearchParams();
  for (const [key, value] of parsed.searchParams) params.append(key, PUBLIC_PARAMS.has(key) ? value : fp(value));
  parsed.search = params.toString();
  return parsed.href;
}

export function sanitizeParams(params: URLSearchParams, fp: Fingerprint): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = PUBLIC_PARAMS.has(key) ? value : fp(value);
  return out;
}

export function sanitizeJson(value: unknown, fp: Fingerprint, depth = 0): unknown {
  if (depth > 20) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => sanitizeJson(item, fp, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, SECRET_JSON_KEYS.has(key) && typeof item === 'string' ? fp(item) : sanitizeJson(item, fp, depth + 1)]),
    );
  }
  return value;
}

function sanitizeAuthorization(value: string, fp: Fingerprint): string {
  const space = value.indexOf(' ');
  return space > 0 ? `${value.slice(0, space)} ${fp(value.slice(space + 1).trim())}` : fp(value);
}

function pickHeaders(headers: Readonly<Record<string, string>>, names: readonly string[], fp: Fingerprint, keepCors: boolean, base: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (name === 'authorization') out[name] = sanitizeAuthorization(value, fp);
    else if (name === 'location') out[name] = URL.canParse(value, base) ? sanitizeUrl(new URL(value, base).href, fp) : '[unparsable URL]';
    else if (names.includes(name) || (keepCors && name.startsWith('access-control-'))) out[name] = value;
  }
  return out;
}

function isFormBody(headers: Readonly<Record<string, string>>, body: string): boolean {
  const type = headers['content-type'] ?? '';
  return /x-www-form-urlencoded/i.test(type) || (!type && /^[\w.-]+=/.test(body) && !body.trimStart().startsWith('{'));
}

function mcpFacts(raw: RawExchange, message: Record<string, unknown>): McpFacts {
  const { method, id, tool } = rpcRequestFacts(message);
  const requestHeaders = Object.fromEntries(Object.entries(raw.requestHeaders).map(([k, v]) => [k.toLowerCase(), v]));
  const responseHeaders = Object.fromEntries(Object.entries(raw.responseHeaders).map(([k, v]) => [k.toLowerCase(), v]));
  const sessionId = requestHeaders['mcp-session-id'] ?? responseHeaders['mcp-session-id'];
  const result = raw.responseBody !== undefined ? summarizeJsonRpcAnswer(raw.responseBody, responseHeaders['content-type'] ?? '', id, method) : undefined;
  return {
    ...(method !== undefined ? { method } : {}),
    ...(id !== undefined ? { requestId: id } : {}),
    ...(tool !== undefined ? { tool } : {}),
    ...(requestHeaders['mcp-protocol-version'] ? { protocolVersion: requestHeaders['mcp-protocol-version'] } : {}),
    ...(sessionId ? { sessionId } : {}),
    ...(result ? { result } : {}),
  };
}

export function describeExchange(raw: RawExchange, fp: Fingerprint): Described {
  const requestHeaders = pickHeaders(raw.requestHeaders, REQUEST_HEADERS, fp, false, raw.url);
  const responseHeaders = pickHeaders(raw.responseHeaders, RESPONSE_HEADERS, fp, true, raw.url);
  const url = sanitizeUrl(raw.url, fp);
  const query = URL.parse(raw.url)?.searchParams ?? new URLSearchParams();
  const params = sanitizeParams(query, fp);
  const body = raw.requestBody;
  let requestBody: unknown;
  let mcp: McpFacts | undefined;
  if (body !== undefined && body !== '') {
    const json = jsonOf(body);
    const message = Array.isArray(json) ? json[0] : json;
    if (typeof message === 'object' && message !== null && 'jsonrpc' in message) {
      mcp = mcpFacts(raw, message as Record<string, unknown>);
    } else if (json !== undefined) {
      requestBody = sanitizeJson(json, fp);
    } else if (isFormBody(raw.requestHeaders, body)) {
      Object.assign(params, sanitizeParams(new URLSearchParams(body), fp));
    }
  } else if (raw.phase === 'mcp') {
    // GET (the SSE stream) and DELETE (end of session) carry no message, only the session headers.
    mcp = mcpFacts(raw, {});
  }
  // A JSON-RPC answer is summarized in mcp.result; any other JSON answer (metadata, registration,
  // tokens, an OAuth error on the MCP endpoint) is kept, secrets fingerprinted.
  const answer = jsonOf(raw.responseBody);
  const isJsonRpcAnswer = mcp?.result !== undefined || (typeof answer === 'object' && answer !== null && 'jsonrpc' in answer);
  const responseJson = isJsonRpcAnswer ? undefined : answer;
  return {
    at: new Date(raw.startedAt).toISOString(),
    connectionId: raw.connectionId,
    phase: raw.phase,
    kind: raw.kind,
    method: raw.method.toUpperCase(),
    url,
    ...(raw.status !== undefined ? { status: raw.status } : {}),
    ...(raw.error !== undefined ? { error: raw.error.slice(0, 300) } : {}),
    ...(raw.durationMs !== undefined ? { durationMs: raw.durationMs } : {}),
    requestHeaders,
    responseHeaders,
    params,
    ...(requestBody !== undefined ? { requestBody } : {}),
    ...(responseJson !== undefined ? { responseBody: sanitizeJson(responseJson, fp) } : {}),
    ...(mcp ? { mcp } : {}),
  };
}
