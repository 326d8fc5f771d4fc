/**
 * Credentials and versions at the MCP endpoint without a token: a made-up token in the query
 * string (AUTH-10), the same in the Authorization header (AUTH-07: 401, not a crash) and an
 * unsupported MCP-Protocol-Version (TRANSPORT-10; most servers
 * authenticate first, so that one is often judged only with --token).
 */
import { initializeRequest, mcpHeaders, rpcRequest } from '../../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION } from '../../../wire/protocolVersions.ts';
import { DOCTOR_CLIENT } from './discovery.ts';
import { probe, stage, type ProbeSession } from './probeSession.ts';

export const UNSUPPORTED_PROTOCOL_VERSION = '1999-01-01';
/** Sent in the query string without any header; no server can take it for a real token. */
export const MADE_UP_TOKEN = 'gangway-doctor-not-a-token';

export const withQueryToken = (url: string, token: string) => `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;

export async function probeBearer(session: ProbeSession): Promise<void> {
  await stage(session, 'bearer', async () => {
    const init = initializeRequest(LATEST_STATEFUL_REVISION, DOCTOR_CLIENT);
    await probe(session, 'query-token', withQueryToken(session.mcpUrl, MADE_UP_TOKEN), { method: 'POST', headers: mcpHeaders(undefined, init), body: JSON.stringify(init) });
    await probe(session, 'made-up-token', session.mcpUrl, { method: 'POST', headers: { ...mcpHeaders(undefined, init), authorization: `Bearer ${MADE_UP_TOKEN}` }, body: JSON.stringify(init) });
    const list = rpcRequest(LATEST_STATEFUL_REVISION, DOCTOR_CLIENT, 'tools/list');
    await probe(session, 'unsupported-version', session.mcpUrl, {
      method: 'POST',
      headers: { ...mcpHeaders(undefined, list), 'mcp-protocol-version': UNSUPPORTED_PROTOCOL_VERSION },
      body: JSON.stringify(list),
    });
  });
}
