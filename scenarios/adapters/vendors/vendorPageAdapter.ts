/**
 * Signing in and deciding on a tool vendor's OAuth pages after "Connect via OAuth". By default the
 * pages are walked like the gateway's (generic/): a sign-in form found by its labels (one or two
 * steps), then the approve button — or, for the failure catalogue's "Deny at the vendor", the
 * refuse button. A vendor whose pages are unusual supplies CSS selectors (a connector manifest's
 * page script); a vendor that remembers the consent may send the browser back at once.
 */
import type { Locator, Page } from '@playwright/test';
import { approveButton, isShown, refuseButton } from '../generic/decisionButtons.ts';
import { pageShows } from '../generic/pageShows.ts';
import { showsSignIn, signIn } from '../generic/signInForm.ts';
import type { Person } from '../gateways/gatewayPageAdapter.ts';
import { STEP_TIMEOUT_MS } from '../pageWaits.ts';

export interface VendorPageScript {
  readonly username?: string;
  readonly password?: string;
  readonly submit?: string;
  readonly approve?: string;
  readonly deny?: string;
}

async function scriptedSignIn(page: Page, person: Person, script: VendorPageScript): Promise<void> {
  const password = script.password ? page.locator(script.password) : page.locator('input[type="password"]');
  if (!(await password.first().isVisible().catch(() => false))) return;
  const username = script.username ? page.locator(script.username) : page.locator('input[type="email"], input[name="username"], input[name="login"], input[name="email"]');
  await username.first().fill(person.email);
  await password.first().fill(person.password);
  await (script.submit ? page.locator(script.submit) : page.getByRole('button', { name: /sign in|log in|continue/i })).first().click();
}

/**
 * Signs in when the vendor asks (once: a second sign-in page means the account was refused), then
 * presses the decision button; returns early when the vendor already sent the browser on.
 */
async function walk(page: Page, person: Person, vendorOrigin: string, button: () => Locator, what: string, signedInAlready: boolean): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let signedIn = signedInAlready;
  while (Date.now() < deadline) {
    if (new URL(page.url()).origin !== vendorOrigin) return;
    if (await showsSignIn(page)) {
      if (signedIn && (await isShown(page.locator('[role="alert"]').first()))) throw new Error(`the vendor refused the sign-in: ${await pageShows(page)}`);
      if (!signedIn) {
        await signIn(page, person);
        signedIn = true;
      }
    } else {
      const candidate = button();
      if (await isShown(candidate)) {
        await candidate.click();
        return;
      }
    }
    await page.waitForTimeout(150);
  }
  throw new Error(`the vendor's page showed no ${what} button; it shows: ${await pageShows(page)}`);
}

export async function signInAndDecide(page: Page, person: Person, decision: 'allow' | 'deny', script: VendorPageScript = {}): Promise<void> {
  await page.waitForLoadState();
  const vendorOrigin = new URL(page.url()).origin;
  const scripted = Boolean(script.username || script.password || script.submit);
  if (scripted) await scriptedSignIn(page, person, script);
  const chosen = decision === 'allow' ? script.approve : script.deny;
  const button = chosen ? () => page.locator(chosen).first() : decision === 'allow' ? () => approveButton(page) : () => refuseButton(page);
  await walk(page, person, vendorOrigin, button, decision === 'allow' ? 'Allow/Authorize' : 'Deny', scripted);
}
