/**
 * Opens many MCP sessions on the gateway the way a client does (initialize, then
 * notifications/initialized) with raw fetch — no SDK Client kept per session, so the load
 * generator stays small — and leaves them open; then asks each one for a ping to count how many
 * the gateway still holds (it keeps at most 64 per user and closes the oldest beyond that).
 */
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

const WORKERS = 8;

const headersFor = (token: string, sessionId?: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
  ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
});

async function openSession(mcpUrl: string, token: string, n: number): Promise<string> {
  const init = await fetch(mcpUrl, {
    method: 'POST',
    headers: headersFor(token),
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: `flood-${n}`, version: '1' } } }),
  });
  await init.text();
  const sessionId = init.headers.get('mcp-session-id');
  if (init.status !== 200 || !sessionId) throw new Error(`initialize answered ${init.status} without a session`);
  const initialized = await fetch(mcpUrl, { method: 'POST', headers: headersFor(token, sessionId), body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
  await initialized.text();
  return sessionId;
}

/** `count` sessions, the tokens taken in turn; returns the session ids with their token. */
export async function openSessions(mcpUrl: string, tokens: readonly string[], count: number): Promise<{ id: string; token: string }[]> {
  const sessions: { id: string; token: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < count) {
        const n = next++;
        const token = tokens[n % tokens.length]!;
        sessions.push({ id: await openSession(mcpUrl, token, n), token });
      }
    }),
  );
  return sessions;
}

/** How many of `sessions` still answer a ping. */
export async function liveSessions(mcpUrl: string, sessions: readonly { id: string; token: string }[]): Promise<number> {
  let live = 0;
  for (const session of sessions) {
    const response = await fetch(mcpUrl, { method: 'POST', headers: headersFor(session.token, session.id), body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }) });
    await response.text();
    if (response.status === 200) live++;
  }
  return live;
}
