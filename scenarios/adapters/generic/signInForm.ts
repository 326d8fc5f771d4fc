/**
 * A sign-in form anywhere — the gateway's, a vendor's, a corporate IdP's — found as a person finds
 * it: a field called email / username / login, a field called password, and Sign in / Log in /
 * Continue / Next. Two-step forms (the name first, Next, then the password) are walked too. A
 * password-type field called "API key" or "token" is a key field, not a sign-in.
 */
import type { Locator, Page } from '@playwright/test';
import type { Person } from '../gateways/gatewayPageAdapter.ts';
import { STEP_TIMEOUT_MS } from '../pageWaits.ts';
import { isShown, REFUSE } from './decisionButtons.ts';
import { fieldByLabel, SECRET_INPUTS, TEXT_INPUTS } from './fieldLabels.ts';

const USERNAME = /e-?mail|user|login|account|identifier/i;
const PASSWORD = /pass(word|phrase)?|\bpin\b/i;
const NOT_A_SIGN_IN_SECRET = /api|key|token|secret/i;
const SUBMIT = /^\W*(sign[ -]?in|log[ -]?in|login|continue|next|submit)\b/i;

async function passwordField(page: Page): Promise<Locator | undefined> {
  return fieldByLabel(page.locator(SECRET_INPUTS), PASSWORD, NOT_A_SIGN_IN_SECRET);
}

async function usernameField(scope: Page | Locator): Promise<Locator | undefined> {
  return fieldByLabel(scope.locator(TEXT_INPUTS), USERNAME, NOT_A_SIGN_IN_SECRET);
}

const submitButtons = (scope: Page | Locator) => scope.getByRole('button', { name: SUBMIT }).filter({ visible: true }).filter({ hasNotText: REFUSE }).first();

/** The submit button of the form holding `field`, else the page's. */
async function submitNear(page: Page, field: Locator): Promise<Locator> {
  const inForm = submitButtons(field.locator('xpath=ancestor::form[1]'));
  return (await isShown(inForm)) ? inForm : submitButtons(page);
}

async function submit(page: Page, field: Locator): Promise<void> {
  const button = await submitNear(page, field);
  if (await isShown(button)) await button.click();
  else await field.press('Enter');
}

/**
 * The page asks someone to sign in: a password field, or (first step of a two-step form) a name
 * field with Next/Continue/Sign in and no checkbox to tick (a consent page may carry an account
 * email field in a tool's row).
 */
export async function showsSignIn(page: Page): Promise<boolean> {
  if (await passwordField(page)) return true;
  const name = await usernameField(page);
  if (!name) return false;
  const checkboxes = await page.locator('input[type="checkbox"], [role="checkbox"]').filter({ visible: true }).count();
  return checkboxes === 0 && (await isShown(await submitNear(page, name)));
}

export async function signIn(page: Page, person: Person): Promise<void> {
  let password = await passwordField(page);
  const name = await usernameField(page);
  if (name) await name.fill(person.email);
  if (!password) {
    if (!name) throw new Error('no sign-in form on this page (no email/username or password field)');
    await submit(page, name);
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    while (!(password = await passwordField(page))) {
      if (Date.now() > deadline) throw new Error('after the name was entered, no password field appeared');
      await page.waitForTimeout(150);
    }
  }
  await password.fill(person.password);
  await submit(page, password);
}
