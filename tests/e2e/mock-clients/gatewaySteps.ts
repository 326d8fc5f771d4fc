/**
 * The gateway's side of every scenario, as a person does it in the browser: sign in, and on
 * "Authorize Tool Access for <client>" tick GitHub, save its API key and press "Authorize tools".
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

/** select-tools + connect-api-key + authorize-tools, ending back at the client. */
export async function authorizeGithubByKey(page: Page, stack: GatewayStack, clientName: string): Promise<void> {
  await test.step(`authorize-tools: GitHub by API key for ${clientName}`, async () => {
    await expect(page.getByRole('heading', { name: `Authorize Tool Access for ${clientName}` })).toBeVisible();
    const row = page.locator('#connector-github');
    await page.getByRole('checkbox', { name: 'GitHub' }).check();
    if (!/^Connected/.test((await page.locator('#status-github').textContent()) ?? '')) {
      const byKey = row.getByLabel('API key', { exact: true });
      if (await byKey.count()) await byKey.check();
      await row.getByLabel('GitHub API key').fill(apiKeyFor(stack.mocks.fixtures.github, 'valid', 0).secret);
      await row.getByRole('button', { name: 'Save' }).click();
      await expect(page.locator('#status-github')).toHaveText(/^Connected/);
    }
    await page.getByRole('button', { name: 'Authorize tools' }).click();
  });
}

/** Signs in (when asked) and authorizes (when asked), until the browser is back on `clientOrigin`. */
export async function passThroughGateway(page: Page, stack: GatewayStack, person: Person, clientName: string, clientOrigin: string): Promise<void> {
  const gatewayOrigin = new URL(stack.gateway.current.url).origin;
  await page.waitForURL((url) => url.origin === gatewayOrigin || url.origin === clientOrigin);
  if (new URL(page.url()).origin === clientOrigin) return;
  if (await page.getByRole('heading', { name: 'Sign in to Gangway' }).isVisible()) await signInAtGateway(page, person);
  await page.waitForURL((url) => url.origin === clientOrigin || url.pathname.includes('/interaction/'));
  if (new URL(page.url()).origin !== clientOrigin) await authorizeGithubByKey(page, stack, clientName);
  await page.waitForURL((url) => url.origin === clientOrigin);
}
