/**
 * The page adapter of Gangway's reference gateway — the worked example for writing one for another
 * gateway: every control is found by its role and accessible name, as a person would find it.
 */
import type { Page } from '@playwright/test';
import { waitForEnabled, waitForText } from '../pageWaits.ts';
import type { GatewayPageAdapter } from './gatewayPageAdapter.ts';

const row = (page: Page, connectorId: string) => page.locator(`li.connector[data-connector="${connectorId}"]`);

export const referenceGatewayAdapter: GatewayPageAdapter = {
  name: 'gangway-reference',
  async signIn(page, person) {
    await page.getByLabel('Work email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  },
  async waitForConsent(page, clientName) {
    await page.getByRole('heading', { name: `Authorize Tool Access for ${clientName}` }).waitFor({ timeout: 15_000 }).catch(async () => {
      const shown = (await page.locator('[role="alert"], h1').first().textContent().catch(() => null)) ?? page.url();
      throw new Error(`the gateway did not show its consent page; it shows: ${shown.trim().slice(0, 200)}`);
    });
  },
  async selectTool(page, connectorId) {
    await row(page, connectorId).locator('input[name="connectors"]').check();
  },
  async enterApiKey(page, connectorId, key, username) {
    const item = row(page, connectorId);
    const method = item.getByRole('radio', { name: 'API key' });
    if (await method.count()) await method.check();
    if (username !== undefined) await item.getByLabel(/account email/).fill(username);
    await item.getByLabel(/\S API key$/).fill(key);
    await item.getByRole('button', { name: 'Save' }).click();
  },
  async connectOAuth(page, connectorId) {
    const item = row(page, connectorId);
    const method = item.getByRole('radio', { name: 'OAuth' });
    if (await method.count()) await method.check();
    await item.getByRole('button', { name: /Connect via OAuth|Reconnect via OAuth/ }).click();
  },
  async expectConnected(page, connectorId) {
    await waitForText(page.locator(`#status-${connectorId}`), /^Connected/);
  },
  async authorize(page) {
    const button = page.getByRole('button', { name: 'Authorize tools' });
    await waitForEnabled(button);
    await button.click();
  },
  async authorizeState(page) {
    const notConnected = await page
      .locator('li.connector:has(input[name="connectors"]:checked)')
      .evaluateAll((rows) => rows.filter((li) => li.getAttribute('data-connected') !== 'true').map((li) => li.getAttribute('data-connector') ?? ''));
    return { enabled: await page.getByRole('button', { name: 'Authorize tools' }).isEnabled(), notConnected };
  },
  async rowError(page, connectorId) {
    const message = row(page, connectorId).locator('[role="alert"]');
    return (await message.count()) ? ((await message.first().textContent()) ?? '').trim() || undefined : undefined;
  },
};
