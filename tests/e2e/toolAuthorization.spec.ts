/**
 * The seed document's "Authenticating Your Tools", step by step in Chromium, with all three mock
 * upstreams: redirected to the gateway, sign in, "Authorize Tool Access for ChatGPT", tick the
 * tools, connect GitHub by API key (a wrong key first: inline error), Slack and Atlassian by OAuth
 * on the vendors' own pages (Slack denied once: the row says so), "Authorize tools" disabled until
 * every ticked tool is Connected, back to ChatGPT's callback, then the client lists and calls the
 * tools through the gateway.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import type { Page } from '@playwright/test';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { MemoryOAuthProvider } from '../support/memoryOAuthProvider.ts';
import { cite } from '../support/requirements.ts';
import { expect, test } from './fixtures.ts';

const REDIRECT = 'https://chatgpt.com/connector/oauth/cb_e2e';

async function vendorSignInAndDecide(page: Page, account: { email: string; password: string }, decision: 'Allow' | 'Deny') {
  const signIn = page.getByRole('button', { name: 'Sign in' });
  if (await signIn.isVisible()) {
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await signIn.click();
  }
  await page.getByRole('button', { name: decision }).click();
}

test(`${cite('UP-02', 'UP-04', 'UP-06', 'AS-08')} ChatGPT: choose tools, connect GitHub by key and Slack and Atlassian by OAuth, authorize, call them`, async ({ stack, clientBrowser }) => {
  const gateway = stack.gateway.current;
  const person = gateway.app.directory[0]!;
  const fixtures = stack.mocks.fixtures;
  const provider = new MemoryOAuthProvider({ redirectUrl: REDIRECT, clientName: 'ChatGPT' });
  const mcpUrl = new URL(gateway.mcpUrl);

  await test.step('create-app: the client meets the 401, discovers and registers', async () => {
    await expect(new Client({ name: 'ChatGPT', version: '1' }).connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  const context = await clientBrowser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await test.step('oauth-redirect: signed in at the gateway', async () => {
    await page.goto(provider.lastAuthorizationUrl.href);
    await page.getByLabel('Work email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Authorize Tool Access for ChatGPT' })).toBeVisible();
  });

  const authorize = page.getByRole('button', { name: 'Authorize tools' });
  await test.step('select-tools: ticking an unconnected tool disables "Authorize tools"', async () => {
    await expect(authorize).toBeEnabled();
    await page.getByRole('checkbox', { name: 'GitHub' }).check();
    await page.getByRole('checkbox', { name: 'Slack' }).check();
    await page.getByRole('checkbox', { name: 'Atlassian' }).check();
    await expect(authorize).toBeDisabled();
  });

  await test.step('connect-api-key: a wrong key is refused inline, the right one turns GitHub green', async () => {
    const row = page.locator('#connector-github');
    await row.getByLabel('API key', { exact: true }).check();
    await row.getByLabel('GitHub API key').fill('ghp_notARealKey00000000000000000000000000');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#connector-github').getByRole('alert')).toContainText('GitHub did not accept the key');
    await expect(page.locator('#status-github')).toHaveText('Not connected');
    await expect(page.locator('#connector-github').getByRole('link', { name: 'Where do I find my GitHub API key?' })).toHaveAttribute('href', /docs\.github\.com/);
    await page.locator('#connector-github').getByLabel('GitHub API key').fill(apiKeyFor(fixtures.github, 'valid', 0).secret);
    await page.locator('#connector-github').getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#status-github')).toHaveText(/^Connected/);
    await expect(page.locator('#status-github')).toHaveCSS('color', 'rgb(26, 127, 55)');
  });

  await test.step('connect-oauth: Slack denied at the vendor shows on the row; a retry connects', async () => {
    const row = page.locator('#connector-slack');
    await row.getByLabel('OAuth').check();
    await row.getByRole('button', { name: 'Connect via OAuth' }).click();
    await expect(page.getByRole('heading', { name: /Sign in to Slack/ })).toBeVisible();
    await vendorSignInAndDecide(page, fixtures.slack.accounts[0]!, 'Deny');
    await expect(page.locator('#connector-slack').getByRole('alert')).toContainText('You declined access at Slack');
    await page.locator('#connector-slack').getByRole('button', { name: 'Connect via OAuth' }).click();
    await vendorSignInAndDecide(page, fixtures.slack.accounts[0]!, 'Allow');
    await expect(page.locator('#status-slack')).toHaveText(/^Connected/);
  });

  await test.step('connect-oauth: Atlassian', async () => {
    await expect(authorize).toBeDisabled();
    const row = page.locator('#connector-atlassian');
    await row.getByLabel('OAuth').check();
    await row.getByRole('button', { name: 'Connect via OAuth' }).click();
    await vendorSignInAndDecide(page, fixtures.atlassian.accounts[0]!, 'Allow');
    await expect(page.locator('#status-atlassian')).toHaveText(/^Connected/);
  });

  let code = '';
  await test.step('authorize-tools: enabled once all are Connected; back to ChatGPT', async () => {
    await page.locator('#connector-github').getByRole('checkbox', { name: /create_issue/ }).uncheck();
    await expect(authorize).toBeEnabled();
    await authorize.click();
    await page.waitForURL((url) => url.href.startsWith(REDIRECT));
    code = new URL(page.url()).searchParams.get('code') ?? '';
    expect(code).not.toBe('');
  });
  await context.close();

  await test.step('refresh + call-tool: the client lists the authorized tools and calls one of each', async () => {
    const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
    await transport.finishAuth(code);
    const client = new Client({ name: 'ChatGPT', version: '1' });
    await client.connect(transport);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['github__list_repositories', 'slack__list_channels', 'atlassian__jira_search_issues', 'whoami']));
    expect(names).not.toContain('github__create_issue');
    for (const [name, args] of [
      ['github__list_repositories', {}],
      ['slack__list_channels', {}],
      ['atlassian__jira_search_issues', { jql: 'project = ENG' }],
    ] as const) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, name).toBeFalsy();
    }
    await client.close();
  });
});
