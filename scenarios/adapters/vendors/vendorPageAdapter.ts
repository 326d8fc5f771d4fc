/**
 * Signing in and allowing access on a tool vendor's OAuth pages. The default works for ordinary
 * forms — an email/username field, a password field, a submit button, then an Allow/Authorize
 * button — which covers the mock vendors and many real ones; a vendor can supply selectors.
 */
import type { Page } from '@playwright/test';
import type { Person } from '../gateways/gatewayPageAdapter.ts';

export interface VendorPageScript {
  readonly username?: string;
  readonly password?: string;
  readonly submit?: string;
  readonly approve?: string;
  readonly deny?: string;
}

export async function signInAndDecide(page: Page, person: Person, decision: 'allow' | 'deny', script: VendorPageScript = {}): Promise<void> {
  const password = script.password ? page.locator(script.password) : page.locator('input[type="password"]');
  if (await password.first().isVisible().catch(() => false)) {
    const username = script.username ? page.locator(script.username) : page.locator('input[type="email"], input[name="username"], input[name="login"], input[name="email"]');
    await username.first().fill(person.email);
    await password.first().fill(person.password);
    await (script.submit ? page.locator(script.submit) : page.getByRole('button', { name: /sign in|log in|continue/i })).first().click();
  }
  const button =
    decision === 'allow'
      ? script.approve
        ? page.locator(script.approve)
        : page.getByRole('button', { name: /^(allow|authorize|approve|accept)$/i })
      : script.deny
        ? page.locator(script.deny)
        : page.getByRole('button', { name: /^(deny|cancel|decline)$/i });
  await button.first().click();
}
