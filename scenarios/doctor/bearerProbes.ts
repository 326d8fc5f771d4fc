/**
 * The MCP endpoint's handling of credentials and protocol versions. Without a token: a token-like
 * value in the query string (AUTH-10) and an unsupported MCP-Protocol-Version (TRANSPORT-10; most
 * gateways authenticate first, so this is often only visible with --token). With the support
 * engineer's token: a whole short session — initialize, initialized, tools/list twice (LISTCHANGED-04
 * order), an unsupported version, a tampered token (AUTH-07), the real token in the query string
 * (AUTH-10) — then the session is ended.
 */
import { rpcMessages } from '../defects/exchange.ts';
import { probeRequest } from './probeRequest.ts';
import type { ProbeSession } from './probeSession.ts';

export const UNSUPPORTED_PROTOCOL_VERSION = '1999-01-01';
/** Sent in the query string without any header: a gateway that reads it answers invalid_token. */
export const MADE_UP_TOKEN = 'gangway-doctor-not-a-token';
const PROTOCOL_VERSION = '2025-11-25';
/** The initialize request every doctor probe of the MCP endpoint sends. */
export const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'gangway-doctor', version: '1' } } };
const TOOLS_LIST = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };

/** A token whose signature no longer matches: one character in the middle of its last part changed. */
function tamperedToken(token: string): string {
  const at = Math.max(0, token.length - 10);
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
}

export async function probeBearer(session: ProbeSession): Promise<void> {
  const post = async (probe: string, body: unknown, headers: Record<string, string> = {}, url = session.mcpUrl) => {
    const response = await probeRequest(probe, url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(body),
    });
    return { response, text: await response.text() };
  };
  const withQuery = (value: string) => `${session.mcpUrl}${session.mcpUrl.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(value)}`;

  await post('query-token', INITIALIZE, {}, withQuery(MADE_UP_TOKEN));
  await post('unsupported-version', TOOLS_LIST, { 'mcp-protocol-version': UNSUPPORTED_PROTOCOL_VERSION });
  if (!session.token) return;

  const auth = { authorization: `Bearer ${session.token}` };
  const init = await post('initialize', INITIALIZE, auth);
  if (init.response.status >= 400) return;
  const result = rpcMessages(init.text).find((m) => m.id === INITIALIZE.id)?.result as { protocolVersion?: string } | undefined;
  const sessionId = init.response.headers.get('mcp-session-id');
  const later = { ...auth, 'mcp-protocol-version': result?.protocolVersion ?? PROTOCOL_VERSION, ...(sessionId ? { 'mcp-session-id': sessionId } : {}) };
  await post('initialized', { jsonrpc: '2.0', method: 'notifications/initialized' }, later);
  await post('tools-list', TOOLS_LIST, later);
  await post('tools-list', { ...TOOLS_LIST, id: 3 }, later);
  await post('unsupported-version', TOOLS_LIST, { ...later, 'mcp-protocol-version': UNSUPPORTED_PROTOCOL_VERSION });
  await post('tampered-token', TOOLS_LIST, { ...later, authorization: `Bearer ${tamperedToken(session.token)}` });
  const { authorization: _, ...withoutHeader } = later;
  await post('query-token', TOOLS_LIST, withoutHeader, withQuery(session.token));
  if (sessionId) await (await probeRequest('end-session', session.mcpUrl, { method: 'DELETE', headers: later })).arrayBuffer();
}
