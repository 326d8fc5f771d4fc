/**
 * Scenarios of one environment share the reference stack and its person. Each run resets the mock
 * vendors (their tokens and sessions are gone), so connections an earlier run left at the gateway
 * would point at dead credentials: before a run, the person disconnects every tool in the User
 * Portal — as a person would, in a browser context of its own that the run never sees.
 */
import type { Browser } from '@playwright/test';
import type { GatewayPageAdapter, Person } from '../adapters/gateways/gatewayPageAdapter.ts';

/** More rows than the catalogue has connectors: the loop ends even if a Disconnect did nothing. */
const MAX_DISCONNECTS = 10;

export async function forgetConnections(browser: Browser, gatewayOrigin: string, gateway: GatewayPageAdapter, person: Person): Promise<number> {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    await page.goto(`${gatewayOrigin}/portal/connections`);
    if (await page.getByRole('button', { name: 'Sign in' }).isVisible()) {
      await gateway.signIn(page, person);
      await page.goto(`${gatewayOrigin}/portal/connections`);
    }
    const buttons = page.getByRole('button', { name: 'Disconnect', exact: true });
    let disconnected = 0;
    for (; disconnected < MAX_DISCONNECTS; disconnected++) {
      const left = await buttons.count();
      if (left === 0) break;
      await buttons.first().click();
      // The portal asks to confirm; confirming brings the page back with one Disconnect fewer.
      await page.getByRole('button', { name: /^Yes, disconnect / }).click();
      await page.waitForFunction((before) => document.querySelectorAll('form[aria-label^="Disconnect "]').length < before, left);
    }
    return disconnected;
  } finally {
    await context.close();
  }
}
