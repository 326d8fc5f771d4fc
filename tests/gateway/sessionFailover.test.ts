/**
 * Issue 14: an MCP session is the store's, not one process's. Two replicas on one store: a session
 * opened on one is served by the other — rebuilt there with what the client declared in
 * `initialize` and what it set since — and still refused to anyone else (SEC-02). Both stores:
 * the embedded SQLite file (replicas in one process sharing the file) and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { levelOf } from '../../gateway/mcp/sessionLogging.ts';
import type { RunningGateway } from '../../gateway/server.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { INITIALIZE, mcpPost, rpcResult } from '../support/mcpRequests.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { connectMcp } from '../support/mcpClient.ts';
import { portalSession } from '../support/portalDriver.ts';
import { storeKinds } from '../support/storeKinds.ts';

describe.each(storeKinds())('MCP sessions across replicas on $kind', (kind) => {
  let stack: GatewayStack;
  let replica: RunningGateway;
  let token: string;
  let otherUserToken: string;
  beforeAll(async () => {
    stack = await startGatewayStack({ gateway: await kind.settings() });
    replica = await stack.startReplica();
    const gateway = stack.gateway.current;
    token = String((await connectClient(gateway.url, gateway.mcpUrl, gateway.app.directory[0]!)).tokens.access_token);
    otherUserToken = String((await connectClient(gateway.url, gateway.mcpUrl, gateway.app.directory[1]!)).tokens.access_token);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await kind.cleanup();
  });

  const first = () => stack.gateway.current.mcpUrl;
  const second = () => `${replica.listenUrl}/mcp`;
  const headers = (sessionId: string, bearer = token) => ({ authorization: `Bearer ${bearer}`, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' });
  const rpc = (id: number, method: string, params: Record<string, unknown> = {}) => ({ jsonrpc: '2.0', id, method, params });

  /** Opens a session on the first replica, declaring elicitation, and returns its id. */
  const open = async () => {
    const initialize = { ...INITIALIZE, params: { ...INITIALIZE.params, capabilities: { elicitation: {} } } };
    const response = await mcpPost(first(), initialize, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    await response.text();
    const sessionId = response.headers.get('mcp-session-id')!;
    expect((await mcpPost(first(), { jsonrpc: '2.0', method: 'notifications/initialized' }, headers(sessionId))).status).toBe(202);
    return sessionId;
  };

  it(`${cite('TRANSPORT-09')} serves a session opened on one replica on the other, as the client declared it`, async () => {
    const sessionId = await open();
    expect(replica.app.mcpSessions.get(sessionId)).toBeUndefined();
    const listed = await mcpPost(second(), rpc(2, 'tools/list'), headers(sessionId));
    expect(listed.status).toBe(200);
    expect(((await rpcResult(listed)).result as { tools: { name: string }[] }).tools.map((tool) => tool.name)).toContain('whoami');
    const copy = replica.app.mcpSessions.get(sessionId)!;
    const original = stack.gateway.current.app.mcpSessions.get(sessionId)!;
    expect(copy.server.getClientCapabilities()).toEqual(original.server.getClientCapabilities());
    expect(copy.server.getClientCapabilities()?.elicitation).toBeDefined();
    expect(copy.server.getClientVersion()).toEqual(INITIALIZE.params.clientInfo);
  });

  it(`${cite('TRANSPORT-09')} carries what the client set after initialize (its log level) to the other replica`, async () => {
    const sessionId = await open();
    const set = await mcpPost(first(), rpc(3, 'logging/setLevel', { level: 'warning' }), headers(sessionId));
    expect((await rpcResult(set)).result).toEqual({});
    // The level is saved after the answer: give the write a moment before the other replica reads it.
    await expect.poll(async () => (await stack.gateway.current.store.mcpSessions.find(sessionId))?.state, { timeout: 10_000 }).toContain('warning');
    expect((await mcpPost(second(), rpc(4, 'ping'), headers(sessionId))).status).toBe(200);
    expect(levelOf(replica.app.mcpSessions.get(sessionId)!.server)).toBe('warning');
  });

  it(`${cite('SEC-02', 'TRANSPORT-09')} refuses the session to another user on the other replica (404), without rebuilding it there`, async () => {
    const sessionId = await open();
    const stolen = await mcpPost(second(), rpc(5, 'tools/list'), headers(sessionId, otherUserToken));
    expect(stolen.status).toBe(404);
    expect(replica.app.mcpSessions.get(sessionId)).toBeUndefined();
    const unknown = await mcpPost(second(), rpc(6, 'tools/list'), headers('no-such-session-id'));
    expect(unknown.status).toBe(404);
  });

  it(`${cite('TRANSPORT-09')} ends a session for good when the client deletes it through the other replica`, async () => {
    const sessionId = await open();
    const deleted = await fetch(second(), { method: 'DELETE', headers: headers(sessionId) });
    expect(deleted.status).toBe(200);
    expect(await stack.gateway.current.store.mcpSessions.find(sessionId)).toBeUndefined();
    expect((await mcpPost(second(), rpc(7, 'tools/list'), headers(sessionId))).status).toBe(404);
  });
});

/**
 * What only PostgreSQL's channel can do (on SQLite a message reaches one process): replicas hear of
 * what happened on another. The in-process replicas here each have their own store connection and
 * LISTEN, exactly as separate processes do.
 */
describe('Replicas on PostgreSQL hear of each other', () => {
  const [, postgres] = storeKinds();
  let stack: GatewayStack;
  let replica: RunningGateway;
  beforeAll(async () => {
    stack = await startGatewayStack({ gateway: await postgres!.settings() });
    replica = await stack.startReplica();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await postgres!.cleanup();
  });

  it(`${cite('LISTCHANGED-02', 'LISTCHANGED-03')} a grant change made through one replica reaches the list_changed stream held by the other`, async () => {
    const gateway = stack.gateway.current;
    const person = gateway.app.directory[2]!;
    const signedIn = await connectClient(gateway.url, gateway.mcpUrl, person);
    // The SDK client opens its GET stream on the replica it talks to.
    const mcp = await connectMcp(`${replica.listenUrl}/mcp`, String(signedIn.tokens.access_token));
    await expect.poll(() => replica.app.mcpSessions.forSubject(person.id).some((session) => session.listening), { timeout: 10_000 }).toBe(true);
    expect(gateway.app.mcpSessions.forSubject(person.id)).toEqual([]);
    const before = mcp.listChanged();
    const portal = await portalSession(gateway.url, person);
    expect((await portal.submit('/portal/clients/tools', { client_id: signedIn.clientId, connectors: [] })).status).toBe(303);
    await expect.poll(() => mcp.listChanged(), { timeout: 10_000 }).toBeGreaterThan(before);
    await mcp.close();
  });

  it(`${cite('TRANSPORT-09')} a session deleted through one replica is gone on the other too`, async () => {
    const gateway = stack.gateway.current;
    const token = String((await connectClient(gateway.url, gateway.mcpUrl, gateway.app.directory[3]!)).tokens.access_token);
    const bearer = { authorization: `Bearer ${token}` };
    const init = await mcpPost(gateway.mcpUrl, INITIALIZE, bearer);
    await init.text();
    const sessionId = init.headers.get('mcp-session-id')!;
    const inSession = { ...bearer, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' };
    expect((await mcpPost(`${replica.listenUrl}/mcp`, { jsonrpc: '2.0', id: 1, method: 'ping' }, inSession)).status).toBe(200);
    expect(replica.app.mcpSessions.get(sessionId)).toBeDefined();
    expect((await fetch(gateway.mcpUrl, { method: 'DELETE', headers: inSession })).status).toBe(200);
    await expect.poll(() => replica.app.mcpSessions.get(sessionId), { timeout: 10_000 }).toBeUndefined();
    expect((await mcpPost(`${replica.listenUrl}/mcp`, { jsonrpc: '2.0', id: 2, method: 'ping' }, inSession)).status).toBe(404);
  });
});
