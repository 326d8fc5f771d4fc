/**
 * Tool authorization end to end against the three mock upstreams (headless; the Playwright suite
 * clicks the same pages): choosing tools, connecting each by API key or vendor OAuth, "Authorize
 * tools", then listing and calling the tools through the gateway with the user's own credentials.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { ConsentSession, ConsentSkipped } from '../support/consentDriver.ts';
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
const vendorAccount = (vendor: 'atlassian' | 'github' | 'slack', index = 0) => stack.mocks.fixtures[vendor].accounts[index]!;
const rowOf = (html: string, id: string) => html.slice(html.indexOf(`id="connector-${id}"`), html.indexOf('</li>', html.indexOf(`id="connector-${id}"`)));
const statusOf = (html: string, id: string) => /role="status">([A-Za-z ]+)/.exec(rowOf(html, id))?.[1]?.trim();

/** Signs in, connects GitHub by key and Slack by OAuth, authorizes; returns a connected MCP client. */
async function authorizeGithubAndSlack(index = 0) {
  const session = await ConsentSession.open(gw().url, gw().mcpUrl, person(index));
  await session.saveKey('github', apiKeyFor(stack.mocks.fixtures.github, 'valid', index).secret);
  await session.connectOAuth('slack', vendorAccount('slack', index));
  const result = await session.authorize();
  expect(result.code).toBeTruthy();
  const mcp = await connectMcp(gw().mcpUrl, String(result.tokens!.access_token));
  return { session, result, mcp, accessToken: String(result.tokens!.access_token) };
}

describe('Consent page: choosing and connecting tools', () => {
  it(`${cite('UP-04')} validates an API key with the vendor before saving it; a bad key shows inline and nothing is stored`, async () => {
    const session = await ConsentSession.open(gw().url, gw().mcpUrl, person(0));
    const github = stack.mocks.fixtures.github;
    const cases: [string, string, RegExp][] = [
      ['unknown key', 'ghp_' + 'x'.repeat(36), /GitHub did not accept the key/],
      ['revoked key', apiKeyFor(github, 'revoked').secret, /GitHub did not accept the key/],
      ['key lacking a scope', apiKeyFor(github, 'missing-scope').secret, /missing the scope repo/],
      ['key of another vendor', apiKeyFor(stack.mocks.fixtures.slack, 'valid').secret, /not the kind of key GitHub needs/],
    ];
    for (const [label, key, message] of cases) {
      const page = await session.saveKey('github', key);
      expect(statusOf(page, 'github'), label).toBe('Not connected');
      expect(rowOf(page, 'github'), label).toMatch(message);
      expect(rowOf(page, 'github')).toContain('role="alert"');
      expect(await gw().store.connections.get(person(0).id, 'github'), label).toBeUndefined();
    }
    const pasted = `  ${apiKeyFor(github, 'valid', 0).secret}\n`;
    const page = await session.saveKey('github', pasted);
    expect(statusOf(page, 'github')).toBe('Connected');
    expect(rowOf(page, 'github')).toContain('GitHub is connected.');
  });

  it(`${cite('UP-04')} asks Atlassian with email and API token (Basic) and Slack with its own token format`, async () => {
    const session = await ConsentSession.open(gw().url, gw().mcpUrl, person(1));
    const atlassianKey = apiKeyFor(stack.mocks.fixtures.atlassian, 'valid', 1);
    expect(statusOf(await session.saveKey('atlassian', atlassianKey.secret, atlassianKey.username), 'atlassian')).toBe('Connected');
    const slackPage = await session.saveKey('slack', apiKeyFor(stack.mocks.fixtures.slack, 'missing-scope').secret);
    expect(rowOf(slackPage, 'slack')).toMatch(/missing the scope chat:write/);
    expect(statusOf(await session.saveKey('slack', apiKeyFor(stack.mocks.fixtures.slack, 'valid', 1).secret), 'slack')).toBe('Connected');
  });

  it(`${cite('UP-02')} connects via the vendor's OAuth (PKCE, state) and shows the row Connected`, async () => {
    const session = await ConsentSession.open(gw().url, gw().mcpUrl, person(0));
    const page = await session.connectOAuth('slack', vendorAccount('slack', 0));
    expect(statusOf(page, 'slack')).toBe('Connected');
    const authorizeRequests = stack.mocks.vendors.slack.control.recording({ path: '/oauth/v2/authorize' });
    expect(authorizeRequests.length).toBeGreaterThan(0);
    const tokenRequests = stack.mocks.vendors.slack.control.recording({ area: 'oauth', grantType: 'authorization_code' });
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]!.status).toBe(200);
  });

  it(`${cite('UP-02')} shows the vendor's Deny on the row, and a retry works`, async () => {
    const session = await ConsentSession.open(gw().url, gw().mcpUrl, person(0));
    const denied = await session.connectOAuth('atlassian', vendorAccount('atlassian', 0), 'deny');
    expect(statusOf(denied, 'atlassian')).toBe('Not connected');
    expect(rowOf(denied, 'atlassian')).toMatch(/You declined access at Atlassian/);
    const retried = await session.connectOAuth('atlassian', vendorAccount('atlassian', 0), 'allow');
    expect(statusOf(retried, 'atlassian')).toBe('Connected');
  });

  it(`${cite('AS-08')} keeps "Authorize tools" disabled, and refuses it, while a selected tool is not connected`, async () => {
    const session = await ConsentSession.open(gw().url, gw().mcpUrl, person(0));
    await session.saveKey('github', apiKeyFor(stack.mocks.fixtures.github, 'valid', 0).secret);
    const refused = await session.authorize({ tick: ['slack'] });
    expect(refused.code).toBeUndefined();
    const page = await session.page();
    expect(page).toMatch(/id="authorize-tools"[^>]* disabled/);
    expect(page).toContain('Connect Slack first, or untick it.');
    const accepted = await session.authorize({ untick: ['slack'] });
    expect(accepted.code).toBeTruthy();
  });

  it(`${cite('SEC-05')} escapes upstream-supplied strings on the page`, async () => {
    const session = await ConsentSession.open(gw().url, gw().mcpUrl, person(0));
    const page = await session.saveKey('github', apiKeyFor(stack.mocks.fixtures.github, 'valid', 0).secret);
    const tools = rowOf(page, 'github');
    expect(tools).toContain('name="tools:github" value="list_repositories"');
    expect(tools).not.toMatch(/<script/i);
  });
});

describe('Aggregated tools/list and routed tools/call', () => {
  it(`${cite('UP-06', 'LISTCHANGED-04', 'AUTH-09')} lists only the authorized tools, namespaced and sorted, and calls reach each upstream with the user's credential only`, async () => {
    const { mcp, accessToken, result } = await authorizeGithubAndSlack(0);
    const names = (await mcp.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('github__list_repositories');
    expect(names).toContain('slack__list_channels');
    expect(names.some((name) => name.startsWith('atlassian__'))).toBe(false);
    expect(names).toContain('whoami');

    const repos = await mcp.client.callTool({ name: 'github__list_repositories', arguments: {} });
    expect(repos.isError).toBeFalsy();
    expect(textOf(repos)).toContain('full_name');
    const channels = await mcp.client.callTool({ name: 'slack__list_channels', arguments: {} });
    expect(textOf(channels)).toContain('general');

    const githubCalls = stack.mocks.vendors.github.control.recording({ area: 'mcp', tool: 'list_repositories' });
    expect(githubCalls.map((call) => call.credential)).toEqual([apiKeyFor(stack.mocks.fixtures.github, 'valid', 0).kind]);
    expect(stack.mocks.vendors.slack.control.recording({ area: 'mcp', tool: 'list_channels' })[0]!.credential).toMatch(/user-token/);
    for (const vendor of ['atlassian', 'github', 'slack'] as const) {
      expect(stack.mocks.vendors[vendor].control.requestsCarrying(accessToken), vendor).toEqual([]);
      expect(stack.mocks.vendors[vendor].control.requestsCarrying(String(result.tokens!.refresh_token)), vendor).toEqual([]);
    }
    await mcp.close();
  });

  it(`${cite('UP-06')} leaves out single tools the user unticked, and refuses to call them`, async () => {
    const session = await ConsentSession.open(gw().url, gw().mcpUrl, person(0));
    await session.saveKey('github', apiKeyFor(stack.mocks.fixtures.github, 'valid', 0).secret);
    const result = await session.authorize({ untickTools: { github: ['create_issue'] } });
    const mcp = await connectMcp(gw().mcpUrl, String(result.tokens!.access_token));
    const names = (await mcp.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('github__list_repositories');
    expect(names).not.toContain('github__create_issue');
    await expect(mcp.client.callTool({ name: 'github__create_issue', arguments: { owner: 'acme-corp', repo: 'docs', title: 'x' } })).rejects.toThrow(/Unknown tool/);
    await mcp.close();
  });

  it(`${cite('UP-05')} maps an upstream tool error and an upstream outage to clear tool errors; a down upstream drops only its own tools`, async () => {
    const { mcp } = await authorizeGithubAndSlack(0);
    const bad = await mcp.client.callTool({ name: 'github__get_repository', arguments: { owner: 'nobody', repo: 'nothing' } });
    expect(bad.isError).toBe(true);
    stack.mocks.vendors.slack.control.setFaults({ mcpDown: true });
    const names = (await mcp.client.listTools()).tools.map((tool) => tool.name);
    expect(names.some((name) => name.startsWith('github__'))).toBe(true);
    const down = await mcp.client.callTool({ name: 'slack__list_channels', arguments: {} });
    expect(down.isError).toBe(true);
    expect(textOf(down)).toMatch(/Slack is unavailable right now/);
    expect(stack.gateway.logs.some((line) => line.includes('"event":"tool.call_failed"'))).toBe(true);
    await mcp.close();
  });
});

describe('Upstream credentials over time', () => {
  it(`${cite('UP-03')} refreshes an expired rotating token exactly once for 20 concurrent calls, and all succeed`, async () => {
    const { mcp } = await authorizeGithubAndSlack(0);
    await mcp.client.callTool({ name: 'slack__list_channels', arguments: {} });
    stack.mocks.vendors.slack.control.expireAccessTokens();
    stack.mocks.vendors.slack.control.clearRecording();
    const results = await Promise.all(Array.from({ length: 20 }, () => mcp.client.callTool({ name: 'slack__list_channels', arguments: {} })));
    expect(results.filter((result) => result.isError)).toEqual([]);
    expect(stack.mocks.vendors.slack.control.recording({ area: 'oauth', grantType: 'refresh_token' })).toHaveLength(1);
    await mcp.close();
  });

  it(`${cite('UP-03')} serialises the refresh through the store: two gateway replicas, 20 calls, one refresh`, async () => {
    const { mcp, accessToken } = await authorizeGithubAndSlack(0);
    const replica = await stack.startReplica();
    const viaReplica = await connectMcp(`${replica.listenUrl}/mcp`, accessToken);
    await viaReplica.client.callTool({ name: 'slack__list_channels', arguments: {} });
    stack.mocks.vendors.slack.control.expireAccessTokens();
    stack.mocks.vendors.slack.control.clearRecording();
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? viaReplica : mcp).client.callTool({ name: 'slack__list_channels', arguments: {} }));
    const results = await Promise.all(calls);
    expect(results.filter((result) => result.isError).map(textOf)).toEqual([]);
    expect(stack.mocks.vendors.slack.control.recording({ area: 'oauth', grantType: 'refresh_token' })).toHaveLength(1);
    await viaReplica.close();
    await mcp.close();
  });

  it(`${cite('UP-03')} refreshes before expiry when the stored expiry has passed`, async () => {
    const { mcp } = await authorizeGithubAndSlack(0);
    const connection = (await gw().store.connections.get(person(0).id, 'slack'))!;
    expect(connection.expiresAt).toBeGreaterThan(Date.now());
    await gw().store.connections.replaceSecret(person(0).id, 'slack', connection.version, connection.secret, Date.now() - 1000);
    stack.mocks.vendors.slack.control.clearRecording();
    const results = await Promise.all(Array.from({ length: 5 }, () => mcp.client.callTool({ name: 'slack__list_channels', arguments: {} })));
    expect(results.filter((result) => result.isError)).toEqual([]);
    const refreshes = stack.mocks.vendors.slack.control.recording({ area: 'oauth', grantType: 'refresh_token' });
    expect(refreshes).toHaveLength(1);
    expect(stack.mocks.vendors.slack.control.recording({ area: 'mcp', status: 401 })).toEqual([]);
    await mcp.close();
  });

  it(`${cite('UP-05', 'UP-03')} turns a revoked upstream grant into a reconnect tool error (with the challenge ChatGPT reads) and marks the connection`, async () => {
    const { mcp } = await authorizeGithubAndSlack(0);
    stack.mocks.vendors.slack.control.revokeTokens();
    const result = await mcp.client.callTool({ name: 'slack__list_channels', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Reconnect Slack at http:\/\/127\.0\.0\.1:\d+\/portal\/connections/);
    const challenge = (result._meta as Record<string, string[]>)['mcp/www_authenticate']![0]!;
    expect(challenge).toMatch(/^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/);
    expect(challenge).toContain('error="invalid_token"');
    expect((await gw().store.connections.get(person(0).id, 'slack'))!.status).toBe('needs_reconnect');
    const github = await mcp.client.callTool({ name: 'github__list_repositories', arguments: {} });
    expect(github.isError).toBeFalsy();
    await mcp.close();
  });

  it(`${cite('UP-03')} marks the connection "needs reconnect" when the vendor refuses the refresh (invalid_grant)`, async () => {
    const { mcp } = await authorizeGithubAndSlack(0);
    stack.mocks.vendors.slack.control.setFaults({ refreshInvalidGrant: true });
    stack.mocks.vendors.slack.control.expireAccessTokens();
    const result = await mcp.client.callTool({ name: 'slack__list_channels', arguments: {} });
    expect(textOf(result)).toMatch(/Reconnect Slack/);
    expect((await gw().store.connections.get(person(0).id, 'slack'))!.status).toBe('needs_reconnect');
    await mcp.close();
  });
});

describe('Changes to a user\'s tools', () => {
  it(`${cite('LISTCHANGED-02', 'LISTCHANGED-03')} Disconnect removes the tools and notifies the user's open sessions on their GET stream`, async () => {
    const { mcp } = await authorizeGithubAndSlack(0);
    expect((await mcp.client.listTools()).tools.some((tool) => tool.name.startsWith('slack__'))).toBe(true);
    const before = mcp.listChanged();
    const portal = await portalSession(gw().url, person(0));
    expect((await portal.submit('/portal/connections/slack/disconnect')).status).toBe(303);
    await expect.poll(() => mcp.listChanged()).toBeGreaterThan(before);
    expect((await mcp.client.listTools()).tools.some((tool) => tool.name.startsWith('slack__'))).toBe(false);
    expect(await gw().store.connections.get(person(0).id, 'slack')).toBeUndefined();
    await mcp.close();
  });

  it(`${cite('LISTCHANGED-02', 'LISTCHANGED-05')} adding a tool later grows tools/list (what Refresh shows) and sends list_changed`, async () => {
    const { mcp, session } = await authorizeGithubAndSlack(1);
    const portal = await portalSession(gw().url, person(1));
    const key = apiKeyFor(stack.mocks.fixtures.atlassian, 'valid', 1);
    expect((await portal.submit('/portal/connections/atlassian/api-key', { api_key: key.secret, api_user: key.username! })).status).toBe(303);
    expect((await mcp.client.listTools()).tools.some((tool) => tool.name.startsWith('atlassian__'))).toBe(false);
    const before = mcp.listChanged();
    const saved = await portal.submit('/portal/clients/tools', { client_id: session.clientId, connectors: ['github', 'slack', 'atlassian'] });
    expect(saved.status).toBe(303);
    await expect.poll(() => mcp.listChanged()).toBeGreaterThan(before);
    const names = (await mcp.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('atlassian__jira_search_issues');
    const issues = await mcp.client.callTool({ name: 'atlassian__jira_search_issues', arguments: { jql: 'project = ENG' } });
    expect(issues.isError, textOf(issues)).toBeFalsy();
    await mcp.close();
  });

  it(`${cite('AS-08')} remembers the approval and the tools for that client; revoking the client ends its access`, async () => {
    const { session, mcp, accessToken } = await authorizeGithubAndSlack(0);
    const again = await ConsentSession.open(gw().url, gw().mcpUrl, person(0), { clientId: session.clientId, redirectUri: session.redirectUri }).catch((error: Error) => error);
    expect(again).toBeInstanceOf(ConsentSkipped);
    expect(new URL((again as ConsentSkipped).redirectedTo).searchParams.get('code')).toBeTruthy();
    const portal = await portalSession(gw().url, person(0));
    expect(await portal.page()).toContain('ChatGPT');
    expect((await portal.submit('/portal/clients/revoke', { client_id: session.clientId })).status).toBe(303);
    const refused = await fetch(gw().mcpUrl, { method: 'POST', headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect(await gw().store.toolGrants.listForClient(person(0).id, session.clientId)).toEqual([]);
    await mcp.close().catch(() => undefined);
  });
});
