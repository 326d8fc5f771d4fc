/**
 * The gateway's side of every scenario, as a person does it in the browser: sign in, and on
 * "Authorize Tool Access for <client>" tick GitHub (or another vendor), save its API key and press "Authorize tools".
 * A gateway that remembers the approval sends the browser straight back; the steps allow for that.
 */
import type { Page } from '@playwright/test';
import { apiKeyFor } from '../../../fixtures/vendors/index.ts';
import type { GatewayStack } from '../../support/gatewayStack.ts';
import { expect, test } from './fixtures.ts';

export interface Person {
  readonly email: string;
  readonly password: string;
}

export function firstPerson(stack: GatewayStack): Person {
  return stack.gateway.current.app.directory[0]!;
}

export async function signInAtGateway(page: Page, person: Person): Promise<void> {
  await test.step('oauth-redirect: sign in at the gateway', async () => {
    await expect(page.getByRole('heading', { name: 'Sign in to Gangway' })).toBeVisible();
    await page.getByLabel('Work email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  });
}

export type Vendor = 'github' | 'atlassian' | 'slack';
const VENDOR_NAMES: Record<Vendor, string> = { github: 'GitHub', atlassian: 'Atlassian', slack: 'Slack' };

/** select-tools + connect-api-key + authorize-tools, ending back at the client. */
export async function authorizeGithubByKey(page: Page, stack: GatewayStack, clientName: string): Promise<void> {
  await authorizeByKey(page, stack, clientName, 'github');
}

/** The same for any mock vendors: tick each, save its seeded API key (and account e-mail), authorize. */
export async function authorizeByKey(page: Page, stack: GatewayStack, clientName: string, vendors: Vendor | readonly Vendor[]): Promise<void> {
  const list = typeof vendors === 'string' ? [vendors] : vendors;
  await test.step(`authorize-tools: ${list.map((v) => VENDOR_NAMES[v]).join(', ')} by API key for ${clientName}`, async () => {
    await expect(page.getByRole('heading', { name: `Authorize Tool Access for ${clientName}` })).toBeVisible();
    for (const vendor of list) {
      const name = VENDOR_NAMES[vendor];
      const row = page.locator(`#connector-${vendor}`);
      await page.getByRole('checkbox', { name, exact: true }).check();
      if (/^Connected/.test((await page.locator(`#status-${vendor}`).textContent()) ?? '')) continue;
      const byKey = row.getByLabel('API key', { exact: true });
      if (await byKey.count()) await byKey.check();
      const key = apiKeyFor(stack.mocks.fixtures[vendor], 'valid', 0);
      const account = row.getByLabel(`${name} account email`);
      if (key.username && (await account.count())) await account.fill(key.username);
      await row.getByLabel(`${name} API key`).fill(key.secret);
      await row.getByRole('button', { name: 'Save' }).click();
      await expect(page.locator(`#status-${vendor}`)).toHaveText(/^Connected/);
    }
    await page.getByRole('button', { name: 'Authorize tools' }).click();
  });
}

/** Signs in (when asked) and authorizes (when asked), until the browser is back on `clientOrigin`. */
export async function passThroughGateway(page: Page, stack: GatewayStack, person: Person, clientName: string, clientOrigin: string, vendors: Vendor | readonly Vendor[] = 'github'): Promise<void> {
  const gatewayOrigin = new URL(stack.gateway.current.url).origin;
  await page.waitForURL((url) => url.origin === gatewayOrigin || url.origin === clientOrigin);
  if (new URL(page.url()).origin === clientOrigin) return;
  if (await page.getByRole('heading', { name: 'Sign in to Gangway' }).isVisible()) await signInAtGateway(page, person);
  await page.waitForURL((url) => url.origin === clientOrigin || url.pathname.includes('/interaction/'));
  if (new URL(page.url()).origin !== clientOrigin) await authorizeByKey(page, stack, clientName, vendors);
  await page.waitForURL((url) => url.origin === clientOrigin);
}
