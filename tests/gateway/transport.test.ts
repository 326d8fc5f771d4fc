/**
 * Streamable HTTP transport rules of the MCP endpoint: Origin validation, one message per POST,
 * session lifecycle and ownership, protocol version header, GET stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { INITIALIZE, mcpPost, openSession, rpcResult } from '../support/mcpRequests.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
let token: string;
let otherUserToken: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = String((await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[0]!)).tokens.access_token);
  otherUserToken = String((await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[1]!)).tokens.access_token);
});
afterAll(async () => gw?.stop());

const auth = () => ({ authorization: `Bearer ${token}` });
const inSession = (sessionId: string) => ({ ...auth(), 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' });
const LIST = { jsonrpc: '2.0', id: 2, method: 'tools/list' };

describe('Origin validation', () => {
  it(`${cite('TRANSPORT-02')} refuses a foreign Origin with 403 before looking at the token`, async () => {
    for (const origin of ['https://evil.example', 'null', 'http://localhost:9999']) {
      const withToken = await mcpPost(gw.current.mcpUrl, INITIALIZE, { ...auth(), origin });
      expect(withToken.status, origin).toBe(403);
      const withoutToken = await mcpPost(gw.current.mcpUrl, INITIALIZE, { origin });
      expect(withoutToken.status, origin).toBe(403);
    }
  });

  it(`${cite('TRANSPORT-02', 'CLIENT-INSPECTOR-02')} serves the gateway's own origin, the Inspector, and clients that send no Origin`, async () => {
    for (const origin of [gw.current.url, 'http://localhost:6274', undefined]) {
      const response = await mcpPost(gw.current.mcpUrl, INITIALIZE, origin ? { ...auth(), origin } : auth());
      expect(response.status, String(origin)).toBe(200);
      if (origin) expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });
});

describe('Messages (one JSON-RPC message per POST)', () => {
  it(`${cite('TRANSPORT-04')} refuses a batch and invalid JSON with 400`, async () => {
    const batch = await mcpPost(gw.current.mcpUrl, [INITIALIZE], auth());
    expect(batch.status).toBe(400);
    expect(((await batch.json()) as { error: { code: number } }).error.code).toBe(-32600);
    const garbage = await mcpPost(gw.current.mcpUrl, '{"jsonrpc":', auth());
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it(`${cite('TRANSPORT-04', 'TRANSPORT-05')} answers a request with JSON or SSE and a notification with 202 and no body`, async () => {
    const sessionId = await openSession(gw.current.mcpUrl, token);
    const listed = await mcpPost(gw.current.mcpUrl, LIST, inSession(sessionId));
    expect(listed.status).toBe(200);
    expect(listed.headers.get('content-type')).toMatch(/^(application\/json|text\/event-stream)/);
    expect(((await rpcResult(listed)).result as { tools: { name: string }[] }).tools.map((t) => t.name)).toEqual(['whoami']);
    const notification = await mcpPost(gw.current.mcpUrl, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 99 } }, inSession(sessionId));
    expect(notification.status).toBe(202);
    expect(await notification.text()).toBe('');
  });
});

describe('Sessions', () => {
  it(`${cite('TRANSPORT-09', 'SEC-02')} issues unpredictable visible-ASCII session ids`, async () => {
    const ids = await Promise.all([1, 2, 3].map(() => openSession(gw.current.mcpUrl, token)));
    for (const id of ids) {
      expect(id).toMatch(/^[\x21-\x7e]+$/);
      expect(id.length).toBeGreaterThanOrEqual(32);
    }
    expect(new Set(ids).size).toBe(3);
  });

  it(`${cite('TRANSPORT-09')} requires the session id after initialization (400) and answers 404 for an unknown one`, async () => {
    const missing = await mcpPost(gw.current.mcpUrl, LIST, { ...auth(), 'mcp-protocol-version': '2025-11-25' });
    expect(missing.status).toBe(400);
    const unknown = await mcpPost(gw.current.mcpUrl, LIST, inSession('no-such-session-0000000000000000'));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: number } }).error.code).toBe(-32001);
  });

  it(`${cite('TRANSPORT-09')} ends a session on DELETE; afterwards it is 404`, async () => {
    const sessionId = await openSession(gw.current.mcpUrl, token);
    const ended = await fetch(gw.current.mcpUrl, { method: 'DELETE', headers: inSession(sessionId) });
    expect(ended.status).toBe(200);
    const after = await mcpPost(gw.current.mcpUrl, LIST, inSession(sessionId));
    expect(after.status).toBe(404);
    const deleteAgain = await fetch(gw.current.mcpUrl, { method: 'DELETE', headers: inSession(sessionId) });
    expect(deleteAgain.status).toBe(404);
  });

  it(`${cite('SEC-01', 'SEC-02')} does not let another user's token use a session: 404, as if it did not exist`, async () => {
    const sessionId = await openSession(gw.current.mcpUrl, token);
    const hijack = await mcpPost(gw.current.mcpUrl, LIST, { authorization: `Bearer ${otherUserToken}`, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' });
    expect(hijack.status).toBe(404);
    const withoutToken = await mcpPost(gw.current.mcpUrl, LIST, { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' });
    expect(withoutToken.status).toBe(401);
    const owner = await mcpPost(gw.current.mcpUrl, LIST, inSession(sessionId));
    expect(owner.status).toBe(200);
  });
});

describe('Protocol version header', () => {
  it(`${cite('TRANSPORT-10')} refuses an unsupported MCP-Protocol-Version with 400`, async () => {
    const sessionId = await openSession(gw.current.mcpUrl, token);
    const response = await mcpPost(gw.current.mcpUrl, LIST, { ...inSession(sessionId), 'mcp-protocol-version': '1999-01-01' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/unsupported MCP-Protocol-Version/);
  });

  it(`${cite('TRANSPORT-10')} speaks 2025-06-18 and 2025-11-25`, async () => {
    for (const version of ['2025-06-18', '2025-11-25']) {
      expect(SUPPORTED_PROTOCOL_VERSIONS).toContain(version);
      const response = await mcpPost(gw.current.mcpUrl, { ...INITIALIZE, params: { ...INITIALIZE.params, protocolVersion: version } }, auth());
      expect(((await rpcResult(response)).result as { protocolVersion: string }).protocolVersion).toBe(version);
      const sessionId = await openSession(gw.current.mcpUrl, token, version);
      const listed = await mcpPost(gw.current.mcpUrl, LIST, { ...inSession(sessionId), 'mcp-protocol-version': version });
      expect(listed.status, version).toBe(200);
    }
  });
});

describe('GET stream', () => {
  it(`${cite('TRANSPORT-06', 'TRANSPORT-01')} opens an SSE stream on GET for a session`, async () => {
    const sessionId = await openSession(gw.current.mcpUrl, token);
    const controller = new AbortController();
    const stream = await fetch(gw.current.mcpUrl, { headers: { ...inSession(sessionId), accept: 'text/event-stream' }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    controller.abort();
  });

  it(`${cite('TRANSPORT-06')} answers other methods with 405 and an Allow header`, async () => {
    const response = await fetch(gw.current.mcpUrl, { method: 'PUT', headers: auth() });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toContain('POST');
  });
});

describe('Resumability', () => {
  const events = (text: string) =>
    text
      .split('\n\n')
      .filter((block) => block.trim())
      .map((block) => Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()])));

  it(`${cite('TRANSPORT-08')} starts each SSE response with a priming event (id and retry) and gives every event an id`, async () => {
    const sessionId = await openSession(gw.current.mcpUrl, token);
    const response = await mcpPost(gw.current.mcpUrl, LIST, inSession(sessionId));
    const [priming, message] = events(await response.text());
    expect(priming).toMatchObject({ id: expect.any(String), retry: '2000', data: '' });
    expect(message!.id).toBeTruthy();
    expect(JSON.parse(message!.data!)).toMatchObject({ id: 2, result: { tools: [{ name: 'whoami' }] } });
  });

  it(`${cite('TRANSPORT-08')} replays what a broken stream missed when the client reconnects with Last-Event-ID`, async () => {
    const sessionId = await openSession(gw.current.mcpUrl, token);
    const response = await mcpPost(gw.current.mcpUrl, LIST, inSession(sessionId));
    const [priming] = events(await response.text());
    const controller = new AbortController();
    const resumed = await fetch(gw.current.mcpUrl, {
      headers: { ...inSession(sessionId), accept: 'text/event-stream', 'last-event-id': priming!.id! },
      signal: controller.signal,
    });
    expect(resumed.status).toBe(200);
    const reader = resumed.body!.getReader();
    let text = '';
    while (!text.includes('"tools"')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(JSON.parse(events(text)[0]!.data!)).toMatchObject({ id: 2, result: { tools: [{ name: 'whoami' }] } });
  });

  it(`${cite('TRANSPORT-08', 'SEC-02')} does not accept an event id from another session`, async () => {
    const first = await openSession(gw.current.mcpUrl, token);
    const [priming] = events(await (await mcpPost(gw.current.mcpUrl, LIST, inSession(first))).text());
    const second = await openSession(gw.current.mcpUrl, token);
    const foreign = await fetch(gw.current.mcpUrl, { headers: { ...inSession(second), accept: 'text/event-stream', 'last-event-id': priming!.id! } });
    expect(foreign.status).toBe(400);
  });
});
