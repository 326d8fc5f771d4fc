/**
 * The skeleton end to end in a real browser: an unmodified @modelcontextprotocol/sdk client
 * discovers the gateway from its 401, registers by DCR and opens the authorization URL; Chromium
 * signs in and approves on the gateway's pages; the browser lands on the client's real redirect URI
 * — a loopback port, ChatGPT's or Claude's callback, delivered to a loopback catcher through
 * Chromium's host resolver — and the client redeems the code and calls whoami as that user.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { MemoryOAuthProvider } from '../support/memoryOAuthProvider.ts';
import { cite } from '../support/requirements.ts';
import { expect, test } from './fixtures.ts';

const profiles = [
  { title: `${cite('AUTH-12', 'CLIENT-CLAUDE-01')} loopback redirect on an ephemeral port`, clientName: 'Claude Code', redirect: 'http://127.0.0.1:{loopback}/callback', loopback: true },
  { title: `${cite('CLIENT-CHATGPT-01', 'CLIENT-CHATGPT-03')} ChatGPT's real callback`, clientName: 'ChatGPT', redirect: 'https://chatgpt.com/connector/oauth/cb_e2e', loopback: false },
  { title: `${cite('CLIENT-CLAUDE-01', 'CLIENT-CLAUDE-03')} Claude's real callback`, clientName: 'Claude', redirect: 'https://claude.ai/api/mcp/auth_callback', loopback: false },
] as const;

for (const profile of profiles) {
  test(`${cite('AS-07', 'AS-08')} SDK client signs in through Chromium and calls whoami — ${profile.title}`, async ({ gateway, loopbackPort, clientBrowser }) => {
    const person = gateway.current.app.directory[0]!;
    const redirectUrl = profile.redirect.replace('{loopback}', String(loopbackPort));
    const provider = new MemoryOAuthProvider({ redirectUrl, clientName: profile.clientName });
    const mcpUrl = new URL(gateway.current.mcpUrl);

    await test.step('add the server: the client meets the 401, discovers the gateway and registers', async () => {
      const client = new Client({ name: profile.clientName, version: '1.0.0' });
      await expect(client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }))).rejects.toBeInstanceOf(UnauthorizedError);
      expect(provider.clientInformation()?.client_id).toBeTruthy();
    });

    const context = await clientBrowser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    let code = '';
    await test.step('oauth-redirect: the browser opens the gateway and signs in', async () => {
      await page.goto(provider.lastAuthorizationUrl.href);
      await expect(page.getByRole('heading', { name: 'Sign in to Gangway' })).toBeVisible();
      await expect(page.getByText(`${profile.clientName} wants to connect`)).toBeVisible();
      await page.getByLabel('Work email').fill(person.email);
      await page.getByLabel('Password').fill(person.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    });

    await test.step('consent: the page names the client and where it returns, then Authorize tools', async () => {
      await expect(page.getByRole('heading', { name: `Authorize Tool Access for ${profile.clientName}` })).toBeVisible();
      await expect(page.getByTestId('redirect-host')).toHaveText(new URL(redirectUrl).host);
      await expect(page.getByTestId('localhost-warning')).toHaveCount(profile.loopback ? 1 : 0);
      await page.getByRole('button', { name: 'Authorize tools' }).click();
      await page.waitForURL((url) => url.href.startsWith(redirectUrl));
      await expect(page.getByRole('heading', { name: 'Connected' })).toBeVisible();
      const landed = new URL(page.url());
      expect(landed.searchParams.get('iss')).toBe(gateway.current.url);
      code = landed.searchParams.get('code') ?? '';
      expect(code).not.toBe('');
    });
    await context.close();

    await test.step('call-tool: the client redeems the code and calls whoami as the signed-in user', async () => {
      const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
      await transport.finishAuth(code);
      const client = new Client({ name: profile.clientName, version: '1.0.0' });
      await client.connect(transport);
      const result = await client.callTool({ name: 'whoami', arguments: {} });
      expect(result.structuredContent).toMatchObject({ user: { email: person.email, name: person.name }, client: { name: profile.clientName } });
      await client.close();
    });
  });
}
