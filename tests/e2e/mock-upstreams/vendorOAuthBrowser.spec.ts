/**
 * Each vendor's OAuth code flow with PKCE in Chromium: the user signs in on the vendor's page and
 * clicks Allow (or Deny); the vendor redirects to the client's loopback callback; the client
 * redeems the code with its verifier and the tokens work on the vendor's check endpoint and MCP
 * server. Plus Atlassian's MCP-OAuth flow started by the MCP SDK's own OAuth client.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Page } from '@playwright/test';
import { VENDOR_IDS, type VendorAccountFixture } from '../../../fixtures/vendors/index.ts';
import type { MockVendorHandle } from '../../../mock-upstreams/index.ts';
import { callOk, connectMcp } from '../../mock-upstreams/support/mcpSession.ts';
import { MemoryOAuthProvider } from '../../support/memoryOAuthProvider.ts';
import { authorizationUrl, pkcePair, redeemCode, tokensOf } from '../../mock-upstreams/support/vendorOAuth.ts';
import { expect, test } from './fixtures.ts';

/** The consent section listing what the app asked for, per vendor. */
const SCOPE_SECTION: Record<(typeof VENDOR_IDS)[number], string> = { atlassian: 'Requested permissions', github: 'Requested permissions', slack: 'Bot permissions' };

/** A read-only tool call that proves the token works on the vendor's MCP server. */
const PROBE = {
  atlassian: ['jira_search_issues', { jql: 'project = ENG' }],
  github: ['list_repositories', {}],
  slack: ['list_channels', {}],
} as const;

async function signIn(page: Page, vendor: MockVendorHandle, account: VendorAccountFixture): Promise<void> {
  await test.step(`sign in to ${vendor.displayName} as ${account.email}`, async () => {
    await expect(page.getByRole('heading', { name: `Sign in to ${vendor.displayName}` })).toBeVisible();
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  });
}

for (const id of VENDOR_IDS) {
  test.describe(`${id} OAuth in Chromium (RFC 6749 §4.1 + PKCE)`, () => {
    test('sign in, Allow → code → tokens that work on the check endpoint and the MCP server', async ({ page, upstreams, callback }) => {
      const vendor = upstreams.vendors[id];
      const account = upstreams.fixtures[id].accounts[0]!;
      const { verifier, challenge } = pkcePair();
      await page.goto(authorizationUrl(vendor, { redirectUri: callback.url, state: 'browser-state', challenge }));
      await signIn(page, vendor, account);

      await test.step('consent names the app, the account and the scopes; click Allow', async () => {
        await expect(page.getByRole('heading', { name: `Gangway AI Gateway wants to access your ${vendor.displayName} account` })).toBeVisible();
        await expect(page.getByText(account.email)).toBeVisible();
        const scopes = page.getByRole('region', { name: SCOPE_SECTION[id] }).getByRole('listitem');
        await expect(scopes).toHaveText(vendor.oauth.scopes.map((s) => s));
        await page.getByRole('button', { name: 'Allow' }).click();
      });

      await page.waitForURL((url) => url.href.startsWith(callback.url));
      await expect(page.getByRole('heading', { name: 'Back at the client' })).toBeVisible();
      const arrived = callback.received.at(-1)!;
      expect(arrived.searchParams.get('state')).toBe('browser-state');
      const code = arrived.searchParams.get('code');
      expect(code).toBeTruthy();

      const answer = await redeemCode(vendor, code!, callback.url, verifier);
      const { accessToken, refreshToken } = tokensOf(vendor, answer);
      expect(refreshToken).toBeTruthy();
      const whoAmI = await fetch(vendor.oauth.userInfoUrl, { method: id === 'slack' ? 'POST' : 'GET', headers: { authorization: `Bearer ${accessToken}` } });
      expect(whoAmI.status).toBe(200);
      if (id === 'slack') expect(await whoAmI.json()).toMatchObject({ ok: true, user_id: account.id });

      const client = await connectMcp(vendor.mcpUrl, `Bearer ${accessToken}`);
      const [tool, args] = PROBE[id];
      await callOk(client, tool, { ...args });
      await client.close();
      expect(vendor.control.recording({ path: new URL(vendor.oauth.tokenUrl).pathname })).toEqual([
        expect.objectContaining({ grantType: 'authorization_code', status: 200, credential: 'client-secret-post' }),
      ]);
    });

    test('sign in, Deny → error=access_denied and the state at the redirect URI, no code', async ({ page, upstreams, callback }) => {
      const vendor = upstreams.vendors[id];
      await page.goto(authorizationUrl(vendor, { redirectUri: callback.url, state: 'deny-state', challenge: pkcePair().challenge }));
      await signIn(page, vendor, upstreams.fixtures[id].accounts[1]!);
      await page.getByRole('button', { name: 'Deny' }).click();
      await page.waitForURL((url) => url.href.startsWith(callback.url));
      const arrived = callback.received.at(-1)!;
      expect(arrived.searchParams.get('error')).toBe('access_denied');
      expect(arrived.searchParams.get('state')).toBe('deny-state');
      expect(arrived.searchParams.has('code')).toBe(false);
    });

    test('a wrong password shows an error and keeps the user on the sign-in page', async ({ page, upstreams, callback }) => {
      const vendor = upstreams.vendors[id];
      const account = upstreams.fixtures[id].accounts[2]!;
      await page.goto(authorizationUrl(vendor, { redirectUri: callback.url, state: 's', challenge: pkcePair().challenge }));
      await signIn(page, vendor, { ...account, password: 'not-the-password' });
      await expect(page.getByRole('alert')).toHaveText('Incorrect email address or password.');
      await signIn(page, vendor, account);
      await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
    });
  });
}

test('Atlassian MCP-OAuth: the MCP SDK discovers, registers and authorizes; the user clicks Allow in Chromium', async ({ page, upstreams, callback }) => {
  const vendor = upstreams.vendors.atlassian;
  const provider = new MemoryOAuthProvider({ redirectUrl: callback.url, clientName: 'Mock-upstreams test client' });
  const transport = () => new StreamableHTTPClientTransport(new URL(vendor.mcpUrl), { authProvider: provider });
  const first = transport();
  await expect(new Client({ name: 'e2e', version: '1' }).connect(first)).rejects.toThrow(/Unauthorized/);
  expect(provider.authorizationUrl?.pathname).toBe('/v1/authorize');

  await page.goto(provider.authorizationUrl!.href);
  await signIn(page, vendor, upstreams.fixtures.atlassian.accounts[0]!);
  await expect(page.getByRole('heading', { name: 'Mock-upstreams test client wants to access your Atlassian account' })).toBeVisible();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.href.startsWith(callback.url));

  await first.finishAuth(callback.received.at(-1)!.searchParams.get('code')!);
  const client = new Client({ name: 'e2e', version: '1' });
  await client.connect(transport());
  const issue = await callOk<{ key: string }>(client, 'jira_get_issue', { issueKey: 'SEC-1' });
  expect(issue.key).toBe('SEC-1');
  await client.close();
});
