/**
 * Issue 13, item 2: each connector has its own MCP endpoint, `/mcp/<connector>`, next to the
 * aggregated `/mcp` — same OAuth, same consent, and one upstream exactly as it is: its own tool,
 * prompt and resource names, no prefixes. Each endpoint is a protected resource of its own
 * (RFC 9728 metadata, RFC 8707 audience): a token for one does not open another, nor a session.
 */
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { saveValidKeys } from '../support/validKeys.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf, type ConnectedClient } from '../support/mcpClient.ts';

let stack: GatewayStack;
let github: ConnectedClient;
let atlassian: ConnectedClient;
const tokens: Record<'github' | 'atlassian' | 'aggregated', string> = { github: '', atlassian: '', aggregated: '' };
const endpoint = (path = '') => `${stack.gateway.current.mcpUrl}${path}`;

/** Consent for one endpoint, Slack left out; the access token the client gets. */
async function tokenFor(resource: string): Promise<string> {
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, resource, gw.app.directory[0]!);
  await saveValidKeys(session, stack.mocks.fixtures, ['github', 'atlassian']);
  const result = await session.authorize({ untick: ['slack'] });
  return String(result.tokens!.access_token);
}

const post = (url: string, token: string, body: object) =>
  fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(body) });
const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } };

beforeAll(async () => {
  stack = await startGatewayStack();
  tokens.github = await tokenFor(endpoint('/github'));
  tokens.atlassian = await tokenFor(endpoint('/atlassian'));
  tokens.aggregated = await tokenFor(endpoint());
  github = await connectMcp(endpoint('/github'), tokens.github);
  atlassian = await connectMcp(endpoint('/atlassian'), tokens.atlassian);
});
afterAll(async () => {
  await github?.close();
  await atlassian?.close();
  await stack?.stop();
});

describe('Per-connector endpoint: discovery and tokens', () => {
  it('publishes its own Protected Resource Metadata and points its 401 at it', async () => {
    const gw = stack.gateway.current;
    const prm = (await (await fetch(`${gw.url}/.well-known/oauth-protected-resource/mcp/github`)).json()) as Record<string, unknown>;
    expect(prm).toMatchObject({ resource: endpoint('/github'), authorization_servers: [gw.url], scopes_supported: ['mcp:tools'] });
    const challenge = await fetch(endpoint('/github'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(initialize) });
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toContain(`resource_metadata="${gw.url}/.well-known/oauth-protected-resource/mcp/github"`);
  });

  it('issues tokens whose audience is the endpoint asked for', () => {
    const audience = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).aud;
    expect(audience(tokens.github)).toBe(endpoint('/github'));
    expect(audience(tokens.aggregated)).toBe(endpoint());
  });

  it("refuses a token minted for another of the gateway's endpoints (RFC 8707 audience binding)", async () => {
    for (const [url, token] of [
      [endpoint(), tokens.github],
      [endpoint('/atlassian'), tokens.github],
      [endpoint('/github'), tokens.aggregated],
    ] as const) {
      const response = await post(url, token, initialize);
      expect(response.status, url).toBe(401);
      expect(response.headers.get('www-authenticate'), url).toContain('error="invalid_token"');
    }
  });

  it('does not serve a session opened on another endpoint, even to the same user and client', async () => {
    const opened = await post(endpoint('/github'), tokens.github, initialize);
    const sessionId = opened.headers.get('mcp-session-id')!;
    expect(sessionId).toBeTruthy();
    await opened.body?.cancel();
    // Same user, same kind of token, other endpoint: the session is unknown there.
    const other = await fetch(endpoint('/atlassian'), {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.atlassian}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(other.status).toBe(404);
  });

  it('answers 404 for a connector the catalogue does not have', async () => {
    expect((await post(endpoint('/nope'), tokens.github, initialize)).status).toBe(404);
  });
});

describe('Per-connector endpoint: one upstream as it is', () => {
  it("lists only that connector's tools, under the upstream's own names and titles, without the gateway's own tools", async () => {
    const tools = (await github.client.listTools()).tools;
    expect(tools.length).toBeGreaterThan(3);
    expect(tools.every((tool) => !tool.name.includes('__'))).toBe(true);
    expect(tools.map((tool) => tool.name)).toContain('create_or_update_file');
    expect(tools.map((tool) => tool.name)).not.toContain('whoami');
    const aggregated = await connectMcp(endpoint(), tokens.aggregated);
    try {
      const prefixed = (await aggregated.client.listTools()).tools.filter((tool) => tool.name.startsWith('github__'));
      expect(tools.map((tool) => tool.name).sort()).toEqual(prefixed.map((tool) => tool.name.slice('github__'.length)).sort());
      expect(tools.every((tool) => !tool.title?.startsWith('GitHub: '))).toBe(true);
    } finally {
      await aggregated.close();
    }
  });

  it('calls a tool by its own name; any other name goes to this upstream alone, which does not know it', async () => {
    const result = await github.client.callTool({ name: 'search_issues', arguments: { query: 'is:open' } });
    expect(result.isError, textOf(result)).toBeFalsy();
    const atlassianCalls = stack.mocks.vendors.atlassian.control.recording({ area: 'mcp' }).length;
    for (const name of ['github__search_issues', 'jira_issue_card', 'whoami']) {
      const refused = await github.client.callTool({ name, arguments: {} });
      expect(refused.isError, name).toBe(true);
    }
    expect(stack.mocks.vendors.atlassian.control.recording({ area: 'mcp' })).toHaveLength(atlassianCalls);
  });

  it("lists and gets the connector's prompts under their own names", async () => {
    const prompts = (await github.client.listPrompts()).prompts;
    expect(prompts.map((prompt) => prompt.name)).toContain('summarize_pull_request');
    expect(prompts.every((prompt) => !prompt.name.includes('__') && !prompt.title?.startsWith('GitHub: '))).toBe(true);
    const prompt = prompts.find((p) => p.name === 'summarize_pull_request')!;
    const args = Object.fromEntries((prompt.arguments ?? []).filter((a) => a.required).map((a) => [a.name, a.name === 'number' ? '1' : 'acme-corp/gateway-service']));
    const got = await github.client.getPrompt({ name: 'summarize_pull_request', arguments: args }).catch((error: unknown) => error);
    expect(got).not.toMatchObject({ code: -32602, message: expect.stringContaining('Unknown prompt') });
    await expect(github.client.getPrompt({ name: 'draft_status_update', arguments: { project_key: 'ENG' } })).rejects.toMatchObject({ code: -32602 });
  });

  it("lists and reads resources under the upstream's own URIs, and nothing of another connector", async () => {
    const listed = (await github.client.listResources()).resources;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((resource) => resource.uri.startsWith('repo://') && !resource.uri.includes('github__'))).toBe(true);
    const read = await github.client.readResource({ uri: listed[0]!.uri });
    expect(read.contents[0]!.uri).toBe(listed[0]!.uri);
    expect((await github.client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toContain('repo://{owner}/{repo}/contents/{+path}');
    // Another connector's URI is this upstream's to refuse: the other upstream is never asked.
    const page = (await atlassian.client.listResources()).resources[0]!;
    const atlassianCalls = stack.mocks.vendors.atlassian.control.recording({ area: 'mcp' }).length;
    await expect(github.client.readResource({ uri: page.uri })).rejects.toThrow();
    expect(stack.mocks.vendors.atlassian.control.recording({ area: 'mcp' })).toHaveLength(atlassianCalls);
  });

  it("keeps a widget tool's _meta exactly as the upstream wrote it, and the widget readable at that URI", async () => {
    const card = (await atlassian.client.listTools()).tools.find((tool) => tool.name === 'jira_issue_card')!;
    const meta = card._meta as { ui: { resourceUri: string }; 'openai/outputTemplate': string };
    expect(meta.ui.resourceUri).toBe('ui://jira/issue-card.html');
    expect(meta['openai/outputTemplate']).toBe('ui://jira/issue-card.html');
    const widget = await atlassian.client.readResource({ uri: meta.ui.resourceUri });
    expect(widget.contents[0]).toMatchObject({ uri: 'ui://jira/issue-card.html', mimeType: 'text/html;profile=mcp-app' });
  });

  it('tells a subscribed session of an update under the URI it subscribed with', async () => {
    const updated: string[] = [];
    github.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => void updated.push(notification.params.uri));
    const uri = 'repo://acme-corp/gateway-service/contents/CHANGELOG.md';
    await github.client.subscribeResource({ uri });
    const args = { owner: 'acme-corp', repo: 'gateway-service', path: 'CHANGELOG.md', content: 'changed through /mcp/github\n', message: 'docs: changelog' };
    expect((await github.client.callTool({ name: 'create_or_update_file', arguments: args })).isError).toBeFalsy();
    await expect.poll(() => updated).toEqual([uri]);
  });
});

describe('Per-connector endpoint: consent', () => {
  it('ticks the endpoint’s connector for a first-time client, and says it will see only that one', async () => {
    const gw = stack.gateway.current;
    // Someone who never authorized anything: no earlier grant ticks a row.
    const session = await ConsentSession.open(gw.url, endpoint('/slack'), gw.app.directory[1]!);
    const page = await session.page();
    expect(page).toContain('data-testid="endpoint-note"');
    expect(page).toMatch(/connects to the <strong>Slack<\/strong> endpoint/);
    expect(page).toMatch(/name="connectors" value="slack" checked/);
    expect(page).not.toMatch(/name="connectors" value="github" checked/);
    const aggregated = await (await ConsentSession.open(gw.url, endpoint(), gw.app.directory[2]!)).page();
    expect(aggregated).not.toContain('data-testid="endpoint-note"');
    expect(aggregated).not.toMatch(/name="connectors" value="slack" checked/);
  });
});

describe('Per-connector endpoint: grants', () => {
  it('serves nothing of a connector the user did not grant this client', async () => {
    // Slack was unticked on every consent above.
    const slack = await connectMcp(endpoint('/slack'), await tokenFor(endpoint('/slack')));
    try {
      expect((await slack.client.listTools()).tools).toEqual([]);
      expect((await slack.client.listPrompts()).prompts).toEqual([]);
      expect((await slack.client.listResources()).resources).toEqual([]);
      await expect(slack.client.callTool({ name: 'post_message', arguments: { channel: 'general', text: 'x' } })).rejects.toMatchObject({ code: -32602 });
    } finally {
      await slack.close();
    }
  });
});
