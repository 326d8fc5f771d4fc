/**
 * The hosted look-alikes in MCP 2026-07-28 (issue 13), in Chromium through the reference gateway:
 * a ChatGPT app and a Claude connector created with "MCP protocol version" 2026-07-28 do every
 * action — the probe, the first listing, Refresh, a tool call, the widget's resources/read, the
 * prompts — statelessly. Their own recorded traffic must show it: server/discover, never
 * `initialize`, never an `Mcp-Session-Id` either way, no DELETE, and the Mcp-Method / Mcp-Name
 * headers mirroring each body (REV26-01, REV26-02).
 */
import type { TrafficExchange } from '../../../mock-clients/core/traffic/exchange.ts';
import { featureSamples } from '../../../scenarios/runner/featureSteps.ts';
import { cite } from '../../support/requirements.ts';
import { expect, test } from './fixtures.ts';
import { firstPerson, passThroughGateway } from './gatewaySteps.ts';

const REVISION = '2026-07-28';

/** Everything the connection sent to the MCP endpoint (the unauthenticated probe included). */
function expectStateless(traffic: TrafficExchange[], mcpUrl: string, methods: string[]): void {
  const mcp = traffic.filter((e) => e.url === mcpUrl);
  const sent = mcp.map((e) => e.mcp?.method);
  expect(sent, 'the first request is server/discover').toContain('server/discover');
  expect(sent[0]).toBe('server/discover');
  for (const method of methods) expect(sent, method).toContain(method);
  expect(sent, 'no initialize').not.toContain('initialize');
  expect(sent, 'no notifications/initialized').not.toContain('notifications/initialized');
  for (const exchange of mcp) {
    expect(exchange.method, `${exchange.mcp?.method}: POST only (no session stream, no DELETE)`).toBe('POST');
    expect(exchange.mcp?.sessionId, `${exchange.mcp?.method}: no session`).toBeUndefined();
    expect(exchange.requestHeaders['mcp-session-id']).toBeUndefined();
    expect(exchange.responseHeaders['mcp-session-id']).toBeUndefined();
    expect(exchange.requestHeaders['mcp-protocol-version']).toBe(REVISION);
    expect(exchange.requestHeaders['mcp-method'], 'Mcp-Method mirrors the body').toBe(exchange.mcp?.method);
  }
}

test(`${cite('REV26-01', 'REV26-02', 'RELAY-01')} a ChatGPT app created in 2026-07-28 connects, refreshes, calls a tool and shows its widget without initialize or a session`, async ({ page, stack, clients }) => {
  const chatgpt = clients.profiles.chatgpt;
  const mcpUrl = stack.gateway.current.mcpUrl;
  const { issue } = featureSamples(stack.mocks.fixtures);
  await test.step('create-app with MCP protocol version 2026-07-28', async () => {
    await page.goto(`${chatgpt.origin}/settings/apps/advanced`);
    await page.getByRole('switch', { name: 'Developer mode' }).click();
    await expect(page.getByRole('switch', { name: 'Developer mode' })).toBeChecked();
    await page.goto(`${chatgpt.origin}/settings/apps/create`);
    await page.getByRole('textbox', { name: 'Name' }).fill('Jira 2026');
    await page.getByRole('textbox', { name: 'MCP Server URL' }).fill(mcpUrl);
    const version = page.getByRole('combobox', { name: 'MCP protocol version' });
    await expect(version).toHaveValue('2025-11-25');
    await version.selectOption(REVISION);
    await page.getByRole('checkbox', { name: 'I understand and want to continue' }).check();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
  });
  await passThroughGateway(page, stack, firstPerson(stack), 'ChatGPT', chatgpt.origin, 'atlassian');
  await expect(page.locator('#connection-status')).toHaveText('Connected');
  await expect(page.locator('dl.facts')).toContainText(`MCP protocol version${REVISION}`);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('list', { name: 'Actions' })).toContainText('atlassian__jira_issue_card');
  await page.getByRole('combobox', { name: 'Tool' }).selectOption('atlassian__jira_issue_card');
  await page.getByRole('textbox', { name: 'Arguments (JSON)' }).fill(JSON.stringify({ issueKey: issue.key }));
  await page.getByRole('button', { name: 'Call tool' }).click();
  await expect(page.locator('#tool-call-status')).toHaveText('Tool call succeeded: atlassian__jira_issue_card');
  await expect(page.frameLocator('iframe.widget').getByRole('heading')).toHaveText(`${issue.key} ${issue.summary}`);

  const connectionId = clients.traffic.list({ profile: 'chatgpt', kind: 'browser-redirect' }).at(-1)!.connectionId;
  const traffic = clients.traffic.list({ profile: 'chatgpt', connectionId });
  expectStateless(traffic, mcpUrl, ['tools/list', 'tools/call', 'resources/read']);
  expect(traffic.filter((e) => e.mcp?.method === 'tools/list' && e.status === 200), 'the first listing and Refresh').toHaveLength(2);
  const call = traffic.find((e) => e.mcp?.method === 'tools/call')!;
  expect(call.requestHeaders['mcp-name']).toBe('atlassian__jira_issue_card');
  const read = traffic.find((e) => e.mcp?.method === 'resources/read')!;
  expect(read).toMatchObject({ status: 200 });
  expect(read.requestHeaders['mcp-name']).toBe('ui://atlassian__jira/issue-card.html');
});

test(`${cite('REV26-01', 'REV26-02', 'RELAY-02')} a Claude connector added in 2026-07-28 lists and uses a prompt and calls a tool without initialize or a session`, async ({ page, stack, clients }) => {
  const claude = clients.profiles.claude;
  const mcpUrl = stack.gateway.current.mcpUrl;
  const { pull, pullRepo } = featureSamples(stack.mocks.fixtures);
  await test.step('add the connector with MCP protocol version 2026-07-28 and connect', async () => {
    await page.goto(`${claude.origin}/settings/connectors/new`);
    await page.getByRole('textbox', { name: 'Name' }).fill('GitHub 2026');
    await page.getByRole('textbox', { name: 'Remote MCP server URL' }).fill(mcpUrl);
    await page.getByRole('combobox', { name: 'MCP protocol version' }).selectOption(REVISION);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('listitem', { name: 'GitHub 2026' }).getByRole('button', { name: 'Connect' }).click();
  });
  await passThroughGateway(page, stack, firstPerson(stack), 'Claude', claude.origin, 'github');
  await expect(page.locator('#connection-status')).toHaveText('Connected');
  await expect(page.locator('dl.facts')).toContainText(`MCP protocol version${REVISION}`);
  await page.getByRole('button', { name: 'Refresh tools' }).click();
  await page.getByRole('button', { name: 'List prompts' }).click();
  await page.getByRole('combobox', { name: 'Prompt' }).selectOption('github__summarize_pull_request');
  await page.getByRole('button', { name: 'Choose prompt' }).click();
  await page.getByRole('textbox', { name: 'owner (required)' }).fill(pullRepo.owner);
  await page.getByRole('textbox', { name: 'repo (required)' }).fill(pullRepo.name);
  await page.getByRole('textbox', { name: 'pr_number (required)' }).fill(String(pull.number));
  await page.getByRole('button', { name: 'Use prompt' }).click();
  await expect(page.locator('#prompt-status')).toHaveText('Prompt ready: github__summarize_pull_request');
  await expect(page.getByRole('list', { name: 'Prompt messages' })).toContainText(`Title: ${pull.title}`);
  await page.getByRole('combobox', { name: 'Tool' }).selectOption('github__list_repositories');
  await page.getByRole('textbox', { name: 'Arguments (JSON)' }).fill('{}');
  await page.getByRole('button', { name: 'Call tool' }).click();
  await expect(page.locator('#tool-call-status')).toHaveText('Tool call succeeded: github__list_repositories');

  const connectionId = clients.traffic.list({ profile: 'claude', mcpMethod: 'prompts/get' }).at(-1)!.connectionId;
  const traffic = clients.traffic.list({ profile: 'claude', connectionId });
  expectStateless(traffic, mcpUrl, ['tools/list', 'prompts/list', 'prompts/get', 'tools/call']);
  expect(traffic.find((e) => e.mcp?.method === 'prompts/get')!.requestHeaders['mcp-name']).toBe('github__summarize_pull_request');
  expect(traffic.find((e) => e.mcp?.method === 'tools/call')!.requestHeaders['mcp-name']).toBe('github__list_repositories');
});
