/**
 * Issue 12: the tool-call hot path caches what cannot change without a write — the verified token's
 * grant, the caller, the tool grants, the connections and the decrypted credential. Each case warms
 * the caches with calls first, then makes the change the way a person (or another process) would,
 * and proves the very next call sees it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { portalSession } from '../support/portalDriver.ts';
import { cite } from '../support/requirements.ts';

let stack: GatewayStack;
beforeEach(async () => {
  stack = await startGatewayStack();
});
afterEach(async () => stack?.stop());

const gw = () => stack.gateway.current;
const person = (index = 0) => gw().app.directory[index]!;
const githubKey = (index: number) => apiKeyFor(stack.mocks.fixtures.github, 'valid', index).secret;
const LIST_REPOS = { name: 'github__list_repositories', arguments: {} };

/** Connects GitHub by key, authorizes, and calls twice so every cache on the path is warm. */
async function warmClient(index = 0) {
  const session = await ConsentSession.open(gw().url, gw().mcpUrl, person(index));
  await session.saveKey('github', githubKey(index));
  const result = await session.authorize();
  const accessToken = String(result.tokens!.access_token);
  const mcp = await connectMcp(gw().mcpUrl, accessToken);
  for (let n = 0; n < 2; n++) expect((await mcp.client.callTool(LIST_REPOS)).isError).toBeFalsy();
  return { session, mcp, accessToken };
}

const rawCall = (accessToken: string, sessionId: string) =>
  fetch(gw().mcpUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: LIST_REPOS }),
  });

describe('Hot-path caches take every change on the very next call (issue 12)', () => {
  it(`${cite('AUTH-08')} a revoked grant: the verified token stops at once, on the session it was using`, async () => {
    const { session, mcp, accessToken } = await warmClient();
    const sessionId = mcp.client.transport && (mcp.client.transport as { sessionId?: string }).sessionId;
    expect((await rawCall(accessToken, sessionId!)).status).toBe(200);
    const portal = await portalSession(gw().url, person(0));
    expect((await portal.submit('/portal/clients/revoke', { client_id: session.clientId })).status).toBe(303);
    const refused = await rawCall(accessToken, sessionId!);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    await mcp.close().catch(() => undefined);
  });

  it(`${cite('UP-06')} a changed tool selection: a tool the user no longer grants is unknown on the next call`, async () => {
    const { session, mcp } = await warmClient();
    const portal = await portalSession(gw().url, person(0));
    expect((await portal.submit('/portal/clients/tools', { client_id: session.clientId, connectors: [] })).status).toBe(303);
    await expect(mcp.client.callTool(LIST_REPOS)).rejects.toThrow(/Unknown tool/);
    await mcp.close();
  });

  it(`${cite('UP-05')} a disconnect: the next call says the tool is not connected, and reaches no upstream`, async () => {
    const { mcp } = await warmClient();
    const before = stack.mocks.vendors.github.control.recording({ area: 'mcp', tool: 'list_repositories' }).length;
    const portal = await portalSession(gw().url, person(0));
    expect((await portal.submit('/portal/connections/github/disconnect')).status).toBe(303);
    const answer = await mcp.client.callTool(LIST_REPOS).catch((error: Error) => error);
    // Disconnecting also removes the grant's connector from the live list: either refusal is right, a call is not.
    if (answer instanceof Error) expect(answer.message).toMatch(/Unknown tool/);
    else expect(textOf(answer)).toMatch(/not connected/);
    expect(stack.mocks.vendors.github.control.recording({ area: 'mcp', tool: 'list_repositories' })).toHaveLength(before);
    await mcp.close();
  });

  it(`${cite('UP-04')} a rotated credential: the next call carries the new key, never the old one again`, async () => {
    const { mcp } = await warmClient();
    const github = stack.mocks.vendors.github.control;
    const oldKey = githubKey(0);
    const newKey = githubKey(1);
    expect(github.requestsCarrying(oldKey).length).toBeGreaterThan(0);
    // A person replaces a key on the portal: Disconnect, then save the new one (no call in between).
    const portal = await portalSession(gw().url, person(0));
    expect((await portal.submit('/portal/connections/github/disconnect')).status).toBe(303);
    expect((await portal.submit('/portal/connections/github/api-key', { api_key: newKey })).status).toBe(303);
    const oldUses = github.requestsCarrying(oldKey).length;
    const newUses = github.requestsCarrying(newKey).length;
    expect((await mcp.client.callTool(LIST_REPOS)).isError).toBeFalsy();
    expect(github.requestsCarrying(newKey).length).toBeGreaterThan(newUses);
    expect(github.requestsCarrying(oldKey)).toHaveLength(oldUses);
    await mcp.close();
  });

  it('a write by another process on the same database (a second gateway, a CLI) empties the caches before the next call', async () => {
    const { session, mcp } = await warmClient();
    const whoami = async () => textOf(await mcp.client.callTool({ name: 'whoami', arguments: {} }));
    expect(await whoami()).toContain(person(0).name);
    const other = openSqliteStore(stack.gateway.dataDir);
    try {
      const user = (await other.directory.findById(person(0).id))!;
      // The gateway looks for other processes' commits every few milliseconds (storeCache.ts).
      const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
      await other.directory.upsertUser({ ...user, name: 'Renamed Elsewhere' });
      await settle();
      expect(await whoami()).toContain('Renamed Elsewhere');
      await other.toolGrants.deleteForClient(person(0).id, session.clientId);
      await settle();
      await expect(mcp.client.callTool(LIST_REPOS)).rejects.toThrow(/Unknown tool/);
    } finally {
      await other.close();
    }
    await mcp.close();
  });
});

describe('The tools/call lane (issue 12)', () => {
  it(`${cite('TRANSPORT-05')} answers a tools/call as one application/json response with the request's id, string ids too`, async () => {
    const { mcp, accessToken } = await warmClient();
    const sessionId = (mcp.client.transport as { sessionId?: string }).sessionId!;
    const answer = await fetch(gw().mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 'call-1', method: 'tools/call', params: { name: 'whoami', arguments: {} } }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('mcp-session-id')).toBe(sessionId);
    const body = (await answer.json()) as { id: string; result: { content: { text: string }[] } };
    expect(body.id).toBe('call-1');
    expect(body.result.content[0]!.text).toContain(person(0).name);
    await mcp.close();
  });

  it(`${cite('TRANSPORT-05')} leaves a client that does not accept both types to the SDK transport, which refuses it (406)`, async () => {
    const { mcp, accessToken } = await warmClient();
    const sessionId = (mcp.client.transport as { sessionId?: string }).sessionId!;
    const answer = await fetch(gw().mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json', 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } }),
    });
    expect(answer.status).toBe(406);
    await mcp.close();
  });
});
