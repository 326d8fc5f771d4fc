/**
 * The User Portal and sign-out as a person uses them in Chromium (issue 11, points 7, 14 and 15):
 * the setup page links to Connections; Disconnect and Revoke access ask first (a confirmation page,
 * no script needed), Cancel changes nothing, and a success message follows, focused as a live
 * region; a Save by Enter focuses its outcome; `/logout` shows the gateway's own confirm page (no
 * inline script for the CSP to block) and "Sign out" really signs the person out — there and in
 * the portal's header, both sessions (the portal's and the one AI clients' sign-in uses).
 */
import type { Page } from '@playwright/test';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { expect, test } from './fixtures.ts';
import { authorizeTools, consentInNewContext, gatewaySignIn, openConsent, registeredClient } from './uxSteps.ts';

test.describe.configure({ mode: 'serial' });

/** CSP violations the page reported: the old /logout answer was an inline script the CSP blocked. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

async function expectSignedOut(page: Page, origin: string) {
  await page.goto(`${origin}/portal`);
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

test('setup links to Connections; Save by Enter, Disconnect and Revoke access confirm first and report success', async ({ stack, clientBrowser }) => {
  const gateway = stack.gateway.current;
  const person = gateway.app.directory[5]!;
  const context = await clientBrowser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(`${gateway.url}/portal`);
  await gatewaySignIn(page, person);
  await expect(page.getByRole('heading', { name: 'Connect your AI client' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Connections' }).click();
  await expect(page.getByRole('heading', { name: 'Your connections' })).toBeVisible();

  // Save by Enter: the outcome is a live region and has focus.
  const github = page.locator('#connector-github');
  await github.getByLabel('GitHub API key').fill(apiKeyFor(stack.mocks.fixtures.github, 'valid', 0).secret);
  await github.getByLabel('GitHub API key').press('Enter');
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveText('GitHub is connected.');
  await expect(notice).toHaveAttribute('role', 'status');
  await expect(notice).toBeFocused();

  // Disconnect asks first; Cancel keeps the connection.
  await page.locator('#connector-github').getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByRole('heading', { name: 'Disconnect GitHub?' })).toBeVisible();
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page.locator('#connector-github [role="status"]').first()).toHaveText('Connected');
  expect(await gateway.store.connections.get(person.id, 'github')).toBeDefined();

  await page.locator('#connector-github').getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Yes, disconnect GitHub' }).click();
  await expect(notice).toHaveText(/^GitHub is disconnected\./);
  await expect(notice).toBeFocused();
  await expect(page.locator('#connector-github [role="status"]').first()).toHaveText('Not connected');
  expect(await gateway.store.connections.get(person.id, 'github')).toBeUndefined();

  // An authorized client (the browser is signed in, so the consent page comes straight up).
  const provider = await registeredClient(gateway.mcpUrl);
  await openConsent(page, provider, person);
  await authorizeTools(page);
  await page.goto(`${gateway.url}/portal/connections`);
  const client = page.locator('li[data-client]').filter({ hasText: 'ChatGPT' });
  await expect(client).toHaveCount(1);

  await client.getByRole('checkbox', { name: 'Slack' }).check();
  await client.getByRole('button', { name: 'Save tools' }).click();
  await expect(notice).toHaveText('Saved the tools ChatGPT may use.');
  await expect(notice).toBeFocused();
  await expect(page.locator('li[data-client]').getByRole('checkbox', { name: 'Slack' })).toBeChecked();

  await page.locator('li[data-client]').getByRole('button', { name: 'Revoke access' }).click();
  await expect(page.getByRole('heading', { name: 'Revoke access for ChatGPT?' })).toBeVisible();
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page.locator('li[data-client]')).toHaveCount(1);

  await page.locator('li[data-client]').getByRole('button', { name: 'Revoke access' }).click();
  await page.getByRole('button', { name: 'Yes, revoke access' }).click();
  await expect(notice).toHaveText('Access revoked: ChatGPT can no longer use your tools.');
  await expect(notice).toBeFocused();
  await expect(page.locator('li[data-client]')).toHaveCount(0);

  // A portal form whose CSRF binding is gone (another browser session, cleared cookies): a page, not JSON.
  await page.locator('#connector-slack').getByLabel('Slack API key').fill('xoxp-anything');
  await context.clearCookies({ name: 'gw.csrf' });
  await page.locator('#connector-slack').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('The form has expired or did not come from this site; reload the page and try again.');
  await context.close();
});

test('/logout after a portal sign-in: the gateway\'s confirm page, then signed out everywhere', async ({ stack, clientBrowser }) => {
  const gateway = stack.gateway.current;
  const context = await clientBrowser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const violations = cspViolations(page);
  await page.goto(`${gateway.url}/portal`);
  await gatewaySignIn(page, gateway.app.directory[6]!);
  await expect(page.getByRole('heading', { name: 'Connect your AI client' })).toBeVisible();

  await page.goto(`${gateway.url}/logout`);
  await expect(page.getByRole('heading', { name: 'Sign out of Gangway?' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(violations).toEqual([]);
  await expectSignedOut(page, gateway.url);
  await context.close();
});

test('/logout after signing in for an AI client: Stay signed in keeps the session, Sign out ends it', async ({ stack, clientBrowser }) => {
  const gateway = stack.gateway.current;
  const person = gateway.app.directory[7]!;
  const { context, page } = await consentInNewContext(clientBrowser, gateway.mcpUrl, person);
  const violations = cspViolations(page);
  await authorizeTools(page);

  await page.goto(`${gateway.url}/logout`);
  await expect(page.getByRole('heading', { name: 'Sign out of Gangway?' })).toBeVisible();
  await page.getByRole('link', { name: 'Stay signed in' }).click();
  await expect(page.getByRole('heading', { name: 'Connect your AI client' })).toBeVisible();

  await page.goto(`${gateway.url}/logout`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(violations).toEqual([]);
  await expectSignedOut(page, gateway.url);
  // The OAuth sign-in asks for the password again too.
  const again = await registeredClient(gateway.mcpUrl);
  await page.goto(again.lastAuthorizationUrl.href);
  await expect(page.getByLabel('Work email')).toBeVisible();
  await context.close();
});

test('the portal\'s Sign out also ends the sign-in AI clients are sent to', async ({ stack, clientBrowser }) => {
  const gateway = stack.gateway.current;
  const person = gateway.app.directory[6]!;
  const { context, page } = await consentInNewContext(clientBrowser, gateway.mcpUrl, person);
  await authorizeTools(page);

  await page.goto(`${gateway.url}/portal`);
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const next = await registeredClient(gateway.mcpUrl);
  await page.goto(next.lastAuthorizationUrl.href);
  await expect(page.getByLabel('Work email')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Authorize Tool Access for ChatGPT' })).toHaveCount(0);
  await context.close();
});
