/**
 * Issue 13, item 3: the gateway speaks MCP 2026-07-28 on the same URLs as 2025-06-18/2025-11-25,
 * negotiated per request. Driven by the SDK v2 client pinned to 2026-07-28 — an implementation we
 * did not write: `server/discover`, no `initialize`, no `Mcp-Session-Id`; tools, prompts and
 * resources through the same grants; progress on the POST's own stream; an upstream's elicitation
 * and sampling (2025 server→client requests) turned into `input_required` rounds the client answers
 * on new requests; and a 2025 client on the same URL at the same time keeps its session.
 */
import { Client, StreamableHTTPClientTransport, type ClientCapabilities } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META_CLIENT_CAPABILITIES, META_CLIENT_INFO, META_PROTOCOL_VERSION } from '../../wire/protocolVersions.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { saveValidKeys } from '../support/validKeys.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { portalSession } from '../support/portalDriver.ts';
import { cite } from '../support/requirements.ts';

let stack: GatewayStack;
const tokens = { aggregated: '', github: '' };
const clients: Client[] = [];
const seen: { method: string; requestHeaders: Headers; responseHeaders: Headers; body: string }[] = [];
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const general = () => stack.mocks.fixtures.slack.channels.find((channel) => channel.name === 'general')!;
const engIssue = () => stack.mocks.fixtures.atlassian.issues.find((issue) => issue.projectKey === 'ENG')!;

async function tokenFor(resource: string): Promise<string> {
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, resource, gw.app.directory[0]!);
  await saveValidKeys(session, stack.mocks.fixtures, ['github', 'slack', 'atlassian']);
  return String((await session.authorize()).tokens!.access_token);
}

/** A v2 client pinned to 2026-07-28 (no fallback to 2025), recording what crosses the wire. */
async function modernClient(url: string, token: string, capabilities: ClientCapabilities = {}, setup: (c: Client) => void = () => undefined): Promise<Client> {
  const c = new Client({ name: 'modern-test', version: '1.0.0' }, { capabilities, versionNegotiation: { mode: { pin: '2026-07-28' } }, defaultCacheTtlMs: 0 });
  setup(c);
  const recording = async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(input, { ...init, headers });
    seen.push({ method: init?.method ?? 'GET', requestHeaders: headers, responseHeaders: response.headers, body: typeof init?.body === 'string' ? init.body : '' });
    return response;
  };
  await c.connect(new StreamableHTTPClientTransport(new URL(url), { fetch: recording }));
  clients.push(c);
  return c;
}

beforeAll(async () => {
  stack = await startGatewayStack();
  tokens.aggregated = await tokenFor(stack.gateway.current.mcpUrl);
  tokens.github = await tokenFor(`${stack.gateway.current.mcpUrl}/github`);
});
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await stack?.stop();
});

describe('MCP 2026-07-28 through the gateway', () => {
  it(`${cite('REV26-01', 'REV26-02')} is discovered with server/discover, statelessly: no initialize, no Mcp-Session-Id, the envelope and Mcp-Method on every request`, async () => {
    seen.length = 0;
    const c = await modernClient(stack.gateway.current.mcpUrl, tokens.aggregated);
    // Every revision this URL serves, the 2025 ones through initialize (basic/versioning).
    expect(c.getDiscoverResult()?.supportedVersions).toEqual(['2026-07-28', '2025-11-25', '2025-06-18']);
    const tools = (await c.listTools()).tools.map((tool) => tool.name);
    expect(tools).toEqual(expect.arrayContaining(['github__search_issues', 'slack__schedule_message', 'whoami']));
    const posts = seen.filter((exchange) => exchange.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(2);
    for (const exchange of posts) {
      const body = JSON.parse(exchange.body) as { method: string; params?: { _meta?: Record<string, unknown> } };
      expect(body.method).not.toBe('initialize');
      expect(body.params?._meta).toMatchObject({ [META_PROTOCOL_VERSION]: '2026-07-28', [META_CLIENT_INFO]: expect.any(Object), [META_CLIENT_CAPABILITIES]: expect.any(Object) });
      expect(exchange.requestHeaders.get('mcp-method')).toBe(body.method);
      expect(exchange.responseHeaders.get('mcp-session-id')).toBeNull();
    }
  });

  it('calls a tool, and relays progress on the call’s own response', async () => {
    const c = await modernClient(stack.gateway.current.mcpUrl, tokens.aggregated);
    const called = await c.callTool({ name: 'github__search_issues', arguments: { query: 'is:open' } });
    expect(called.isError, textOf(called)).toBeFalsy();
    const progress: number[] = [];
    const run = await c.callTool({ name: 'github__run_workflow', arguments: { owner: 'acme-corp', repo: 'gateway-service', workflow_id: 'ci.yml' } }, { onprogress: (p) => void progress.push(p.progress) });
    expect(run.isError, textOf(run)).toBeFalsy();
    expect(progress).toHaveLength(5);
  });

  it(`${cite('REV26-03')} turns an upstream's elicitation into input_required: the client answers on a new request and the upstream gets the answer`, async () => {
    const when = inAnHour();
    const asked: string[] = [];
    const c = await modernClient(stack.gateway.current.mcpUrl, tokens.aggregated, { elicitation: { form: {} } }, (client) =>
      client.setRequestHandler('elicitation/create', (request) => {
        asked.push(String((request.params as { message?: string }).message));
        return { action: 'accept', content: { post_at: when } };
      }),
    );
    seen.length = 0;
    const result = await c.callTool({ name: 'slack__schedule_message', arguments: { channel: general().id, text: 'Retro in 5' } });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toContain(String(Math.floor(Date.parse(when) / 1000)));
    expect(asked).toEqual([expect.stringContaining('#general')]);
    // Two tools/call requests with different ids: the retry carries the answers and the state.
    const calls = seen.map((exchange) => JSON.parse(exchange.body || '{}') as { id?: unknown; method?: string; params?: Record<string, unknown> }).filter((body) => body.method === 'tools/call');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.id).not.toEqual(calls[1]!.id);
    expect(calls[1]!.params).toMatchObject({ requestState: expect.any(String), inputResponses: expect.any(Object) });
  });

  it(`${cite('REV26-03')} relays an upstream's sampling request the same way, to a client that declared sampling`, async () => {
    const c = await modernClient(stack.gateway.current.mcpUrl, tokens.aggregated, { sampling: {} }, (client) =>
      client.setRequestHandler('sampling/createMessage', () => ({ model: 'test-model-1', role: 'assistant', content: { type: 'text', text: 'A short summary.' } })),
    );
    const result = await c.callTool({ name: 'atlassian__summarize_issue', arguments: { issueKey: engIssue().key } });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toContain('A short summary.');
  });

  it(`${cite('REV26-02')} never asks a client that did not declare elicitation: the upstream is told, and when it gives up the client gets -32021 naming the capability`, async () => {
    const c = await modernClient(stack.gateway.current.mcpUrl, tokens.aggregated);
    const refused = await c.callTool({ name: 'slack__schedule_message', arguments: { channel: general().id, text: 'Maybe' } }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: -32021, data: { requiredCapabilities: { elicitation: {} } } });
    // A raw look at the wire: HTTP 400, as the revision asks of MissingRequiredClientCapabilityError.
    const response = await fetch(stack.gateway.current.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.aggregated}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'slack__schedule_message' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'slack__schedule_message', arguments: { channel: general().id, text: 'x' }, _meta: { [META_PROTOCOL_VERSION]: '2026-07-28', [META_CLIENT_INFO]: { name: 'raw', version: '1' }, [META_CLIENT_CAPABILITIES]: {} } } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error?: { code: number } }).error?.code).toBe(-32021);
  });

  it('refuses a requestState it did not hand to this caller, without calling anything', async () => {
    const body = {
      jsonrpc: '2.0',
      id: 9,
      method: 'tools/call',
      params: {
        name: 'slack__schedule_message',
        arguments: { channel: general().id, text: 'x' },
        requestState: 'forged-or-expired',
        inputResponses: { q1: { action: 'accept', content: { post_at: inAnHour() } } },
        _meta: { [META_PROTOCOL_VERSION]: '2026-07-28', [META_CLIENT_INFO]: { name: 'raw', version: '1' }, [META_CLIENT_CAPABILITIES]: { elicitation: { form: {} } } },
      },
    };
    const before = stack.mocks.vendors.slack.control.recording({ area: 'mcp' }).length;
    const response = await fetch(stack.gateway.current.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.aggregated}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'slack__schedule_message' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { error?: { code: number; message: string } };
    expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining('requestState') });
    expect(stack.mocks.vendors.slack.control.recording({ area: 'mcp' })).toHaveLength(before);
  });

  it('serves prompts and resources, including a widget the tool _meta points at', async () => {
    const c = await modernClient(stack.gateway.current.mcpUrl, tokens.aggregated);
    expect((await c.listPrompts()).prompts.map((prompt) => prompt.name)).toContain('github__summarize_pull_request');
    const card = (await c.listTools()).tools.find((tool) => tool.name === 'atlassian__jira_issue_card')!;
    const uri = (card._meta as { ui: { resourceUri: string } }).ui.resourceUri;
    expect((await c.readResource({ uri })).contents[0]).toMatchObject({ uri, mimeType: 'text/html;profile=mcp-app' });
  });

  it('speaks 2026-07-28 on a per-connector endpoint too, under the upstream’s own names', async () => {
    const c = await modernClient(`${stack.gateway.current.mcpUrl}/github`, tokens.github);
    const names = (await c.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('search_issues');
    expect(names.every((name) => !name.includes('__'))).toBe(true);
  });

  it('keeps serving 2025-11-25 sessions on the same URL at the same time', async () => {
    const legacy = await connectMcp(stack.gateway.current.mcpUrl, tokens.aggregated);
    try {
      expect(legacy.client.getServerVersion()?.name).toBe('gangway');
      expect((await legacy.client.listTools()).tools.map((tool) => tool.name)).toContain('github__search_issues');
    } finally {
      await legacy.close();
    }
  });

  // Last: it disconnects Slack for this user.
  it(`${cite('LISTCHANGED-02')} tells a subscriptions/listen stream of a resource update and of the user's tools changing`, async () => {
    const c = await modernClient(stack.gateway.current.mcpUrl, tokens.aggregated);
    const heard: string[] = [];
    c.setNotificationHandler('notifications/resources/updated', (notification) => void heard.push(`updated ${notification.params.uri}`));
    c.setNotificationHandler('notifications/tools/list_changed', () => void heard.push('tools changed'));
    const uri = 'repo://github__acme-corp/gateway-service/contents/README.md';
    const subscription = await c.listen({ toolsListChanged: true, resourceSubscriptions: [uri] });
    try {
      const args = { owner: 'acme-corp', repo: 'gateway-service', path: 'README.md', content: '# rewritten in 2026\n', message: 'docs' };
      expect((await c.callTool({ name: 'github__create_or_update_file', arguments: args })).isError).toBeFalsy();
      await expect.poll(() => heard).toContain(`updated ${uri}`);
      const portal = await portalSession(stack.gateway.current.url, stack.gateway.current.app.directory[0]!);
      expect((await portal.submit('/portal/connections/slack/disconnect')).status).toBe(303);
      await expect.poll(() => heard).toContain('tools changed');
    } finally {
      await subscription.close();
    }
  });
});
