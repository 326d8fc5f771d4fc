/**
 * The hosted look-alikes' 2026-07-28 session (mock-clients/core/mcp/modern/) against servers we
 * did not write: the SDK v2 line's createMcpHandler speaking only 2026-07-28, and the v1 line's
 * stateful server, which must be refused rather than spoken to in 2025.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '@modelcontextprotocol/client';
import type { ProgressUpdate } from '../../mock-clients/core/mcp/modern/mcpActions.ts';
import { withStatelessMcpSession, type ElicitationRequest } from '../../mock-clients/core/mcp/modern/statelessSession.ts';
import { StatelessRevisionRefused } from '../../mock-clients/core/mcp/modern/statelessRefusal.ts';
import { META_CLIENT_CAPABILITIES, META_CLIENT_INFO, META_PROTOCOL_VERSION } from '../../wire/protocolVersions.ts';
import { FlowFailure } from '../../mock-clients/core/flowFailure.ts';
import { freePort } from '../../stack/freePort.ts';
import { cite } from '../support/requirements.ts';
import { PROGRESS_STEPS, startStatefulV1Server, startStatelessServer, type TestServer } from './statelessTargets.ts';

const identity = { name: 'openai-mcp', version: '1.0.0' };

interface Sent {
  readonly httpMethod: string;
  readonly headers: Headers;
  readonly body: { id?: unknown; method?: string; params?: Record<string, unknown> } | undefined;
  readonly status: number;
  readonly responseType: string;
  readonly responseSessionId: string | null;
}

/** What the client put on the wire, read at the client (the server's view is `received`). */
function recordingFetch(sent: Sent[]): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    const text = typeof init?.body === 'string' ? init.body : undefined;
    sent.push({
      httpMethod: (init?.method ?? 'GET').toUpperCase(),
      headers: new Headers(init?.headers),
      body: text ? (JSON.parse(text) as Sent['body']) : undefined,
      status: response.status,
      responseType: response.headers.get('content-type') ?? '',
      responseSessionId: response.headers.get('mcp-session-id'),
    });
    return response;
  };
}

describe('MCP 2026-07-28 client session (SDK v2 client, pinned)', () => {
  let target: TestServer;
  beforeAll(async () => {
    target = await startStatelessServer();
  });
  afterAll(async () => target.close());

  it(cite('REV26-01', 'REV26-02') + ' discovers, lists and calls with no initialize or session, _meta and Mcp-Method/Mcp-Name on every request', async () => {
    const sent: Sent[] = [];
    const seen = await withStatelessMcpSession(target.mcpUrl, identity, recordingFetch(sent), async (session) => ({
      discovery: session.discovery,
      tools: await session.listTools(),
      resources: await session.listResources(),
      prompts: await session.listPrompts(),
      read: await session.readResource('memo://readme'),
      prompt: await session.getPrompt('greet', { who: 'Ada' }),
      call: await session.callTool('echo', { text: 'hello 2026' }),
    }));

    expect(seen.discovery.supportedVersions).toContain('2026-07-28');
    expect(seen.tools.map((t) => t.name).sort()).toEqual(['book_table', 'count_steps', 'echo']);
    expect(seen.resources.map((r) => r.uri)).toEqual(['memo://readme']);
    expect(seen.prompts.map((p) => p.name)).toEqual(['greet']);
    expect(seen.read.contents[0]).toMatchObject({ uri: 'memo://readme', text: 'read me' });
    expect(seen.prompt.messages[0]?.content).toMatchObject({ type: 'text', text: 'Say hello to Ada' });
    expect(seen.call.content[0]).toMatchObject({ type: 'text', text: 'hello 2026' });

    const methods = sent.map((s) => s.body?.method);
    expect(methods).toEqual(['server/discover', 'tools/list', 'resources/list', 'prompts/list', 'resources/read', 'prompts/get', 'tools/call']);
    for (const request of sent) {
      expect(request.httpMethod).toBe('POST'); // no GET stream, no DELETE: nothing to end
      expect(request.status).toBe(200);
      expect(request.headers.has('mcp-session-id')).toBe(false);
      expect(request.responseSessionId).toBeNull();
      expect(request.headers.get('mcp-protocol-version')).toBe('2026-07-28');
      expect(request.headers.get('mcp-method')).toBe(request.body?.method);
      const meta = request.body?.params?._meta as Record<string, unknown> | undefined;
      expect(meta?.[META_PROTOCOL_VERSION]).toBe('2026-07-28');
      expect(meta?.[META_CLIENT_INFO]).toEqual(identity);
      expect(meta?.[META_CLIENT_CAPABILITIES]).toEqual({});
    }
    const named = sent.filter((s) => ['tools/call', 'resources/read', 'prompts/get'].includes(s.body?.method ?? ''));
    expect(named.map((s) => s.headers.get('mcp-name'))).toEqual(['memo://readme', 'greet', 'echo']);
    // The server saw the same: it was never asked to initialize.
    expect(target.received.some((r) => r.body?.method === 'initialize')).toBe(false);
  });

  it(cite('REV26-03') + ' progress of a call arrives as SSE on the POST response and reaches the callback in order', async () => {
    const sent: Sent[] = [];
    const updates: ProgressUpdate[] = [];
    const result = await withStatelessMcpSession(target.mcpUrl, identity, recordingFetch(sent), (session) =>
      session.callTool('count_steps', {}, { onProgress: (update) => updates.push(update) }),
    );
    expect(result.content[0]).toMatchObject({ text: 'counted' });
    expect(updates).toEqual(Array.from({ length: PROGRESS_STEPS }, (_, i) => ({ progress: i + 1, total: PROGRESS_STEPS, message: `step ${i + 1}` })));
    const call = sent.find((s) => s.body?.method === 'tools/call');
    expect(call?.responseType).toContain('text/event-stream');
    expect((call?.body?.params?._meta as Record<string, unknown>).progressToken).toBeDefined();
  });

  it(cite('REV26-03') + ' an input_required elicitation is answered by the handler and retried on a new id with inputResponses and requestState', async () => {
    const sent: Sent[] = [];
    const asked: ElicitationRequest[] = [];
    const result = await withStatelessMcpSession(
      target.mcpUrl,
      identity,
      recordingFetch(sent),
      (session) => session.callTool('book_table', { restaurant: 'Chez Ada' }),
      {
        onElicitation: async (request) => {
          asked.push(request);
          return { action: 'accept', content: { time: '19:30' } };
        },
      },
    );
    expect(result.content[0]).toMatchObject({ text: 'booked Chez Ada at 19:30 (state booking:Chez Ada)' });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.message).toBe('When at Chez Ada?');

    const calls = sent.filter((s) => s.body?.method === 'tools/call');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.body?.id).not.toEqual(calls[1]?.body?.id);
    expect(calls[0]?.body?.params?.inputResponses).toBeUndefined();
    expect(calls[1]?.body?.params).toMatchObject({ inputResponses: { when: { action: 'accept', content: { time: '19:30' } } }, requestState: 'booking:Chez Ada' });
    for (const call of calls) expect((call.body?.params?._meta as Record<string, unknown>)[META_CLIENT_CAPABILITIES]).toEqual({ elicitation: { form: {} } });
  });

  it(cite('REV26-02') + ' without an elicitation handler the capability is not declared, and the server refuses to ask', async () => {
    const call = withStatelessMcpSession(target.mcpUrl, identity, fetch, (session) => session.callTool('book_table', { restaurant: 'Chez Ada' }));
    await expect(call).rejects.toThrow(/client capabilities do not declare the required capability/);
  });
});

describe('MCP 2026-07-28 client session against a 2025-only server', () => {
  let target: TestServer;
  beforeAll(async () => {
    target = await startStatefulV1Server();
  });
  afterAll(async () => target.close());

  it(cite('REV26-01') + ' is refused with what to do, and never falls back to initialize', async () => {
    const sent: Sent[] = [];
    const attempt = withStatelessMcpSession(target.mcpUrl, identity, recordingFetch(sent), async () => 'spoke to it');
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StatelessRevisionRefused);
    const refusal = error as StatelessRevisionRefused;
    expect(refusal.reason).toBe('connection-failed');
    expect(refusal.message).toContain(`${new URL(target.mcpUrl).origin} does not speak MCP 2026-07-28`);
    expect(refusal.message).toContain('connect with the 2025-11-25 profile instead');
    expect(refusal.status).toBe(sent[0]?.status);
    expect(refusal.message).toContain(`answered server/discover with HTTP ${refusal.status}`);
    expect(sent.map((s) => s.body?.method)).toEqual(['server/discover']);
    expect(target.received.some((r) => r.body?.method === 'initialize')).toBe(false);
  });

  it('a server that does not answer at all is unreachable, not a 2025 server', async () => {
    const closedUrl = `http://127.0.0.1:${await freePort()}/mcp`;
    const error = await withStatelessMcpSession(closedUrl, identity, fetch, async () => 'spoken').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FlowFailure);
    expect(error).not.toBeInstanceOf(StatelessRevisionRefused);
    expect((error as FlowFailure).reason).toBe('server-unreachable');
    expect((error as FlowFailure).message).toContain('did not answer server/discover');
  });
});
