/**
 * The default page adapter: any gateway whose pages are ordinary forms, with no code of its own.
 * Every control is found as a person finds it — by its label and role: the sign-in form
 * (generic/signInForm.ts), a tool's checkbox and row by the tool's name (generic/toolRows.ts), the
 * key field and its own Save inside the row, "Connect via OAuth", a status that reads Connected,
 * and the approve button (Authorize / Allow / Approve / Accept / Continue / Grant / Consent, never
 * Deny / Cancel / Abort / Reject: generic/decisionButtons.ts). The reference gateway is driven by
 * it too. Unusual pages get their own adapter (`gangway run --adapter FILE`), which replaces this one.
 */
import type { Page } from '@playwright/test';
import { approveButton, isShown } from '../generic/decisionButtons.ts';
import { fieldByLabel, SECRET_INPUTS, TEXT_INPUTS } from '../generic/fieldLabels.ts';
import { pageShows } from '../generic/pageShows.ts';
import { showsSignIn, signIn } from '../generic/signInForm.ts';
import { requireToolRow, rowConnected } from '../generic/toolRows.ts';
import { STEP_TIMEOUT_MS, waitForEnabled } from '../pageWaits.ts';
import type { GatewayPageAdapter } from './gatewayPageAdapter.ts';

const KEY_FIELD = /api[ -]?key|\bkey\b|token|secret|\bpat\b/i;
const ACCOUNT_FIELD = /e-?mail|user|account|login/i;
const SAVE = /^\W*(save|add|verify|submit|connect)\b/i;
const OAUTH = /oauth|sign in with|log in with/i;
const CONSENT_TIMEOUT_MS = 15_000;

/** The tools ticked on each page, so authorizeState can say which of them are not connected yet. */
const ticked = new WeakMap<Page, Set<string>>();

async function chooseMethod(page: Page, tool: string, method: RegExp): Promise<void> {
  const { row } = await requireToolRow(page, tool);
  const radio = row.getByRole('radio', { name: method }).filter({ visible: true }).first();
  if (await isShown(radio)) await radio.check();
}

export const genericGatewayAdapter: GatewayPageAdapter = {
  name: 'generic',
  showsSignIn,
  signIn,
  async waitForConsent(page) {
    // The consent page: an approve button and no sign-in form; a gateway that asks for no consent
    // sends the browser on — the next step then finds where it went.
    const origin = new URL(page.url()).origin;
    const deadline = Date.now() + CONSENT_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (new URL(page.url()).origin !== origin) return;
      if ((await isShown(approveButton(page))) && !(await showsSignIn(page))) return;
      await page.waitForTimeout(150);
    }
    throw new Error(`the gateway did not show a consent page (no Authorize/Allow/Approve/Continue button); it shows: ${await pageShows(page)}`);
  },
  async selectTool(page, tool) {
    const { checkbox } = await requireToolRow(page, tool);
    if (!checkbox) throw new Error(`"${tool}" is on the page but has no checkbox to tick`);
    await checkbox.check();
    ticked.set(page, (ticked.get(page) ?? new Set()).add(tool));
  },
  async enterApiKey(page, tool, key, username) {
    await chooseMethod(page, tool, /api[ -]?key|token|\bkey\b/i);
    const { row } = await requireToolRow(page, tool);
    const keyField =
      (await fieldByLabel(row.locator(`${SECRET_INPUTS}, ${TEXT_INPUTS}`), KEY_FIELD, ACCOUNT_FIELD)) ?? (await fieldByLabel(row.locator(SECRET_INPUTS), /./));
    if (!keyField) throw new Error(`no API key field in the row of "${tool}"`);
    if (username !== undefined) {
      const account = await fieldByLabel(row.locator(TEXT_INPUTS), ACCOUNT_FIELD, KEY_FIELD);
      if (account) await account.fill(username);
    }
    await keyField.fill(key);
    const save = row.getByRole('button', { name: SAVE }).filter({ visible: true }).filter({ hasNotText: OAUTH }).first();
    if (await isShown(save)) await save.click();
    else await keyField.press('Enter');
  },
  async connectOAuth(page, tool) {
    await chooseMethod(page, tool, /oauth/i);
    const { row } = await requireToolRow(page, tool);
    const viaOAuth = row.getByRole('button', { name: OAUTH }).filter({ visible: true }).first();
    const button = (await isShown(viaOAuth)) ? viaOAuth : row.getByRole('button', { name: /^\W*(re)?connect\b/i }).filter({ visible: true }).first();
    if (!(await isShown(button))) throw new Error(`no "Connect via OAuth" button in the row of "${tool}"`);
    await button.click();
  },
  async expectConnected(page, tool) {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    let error: string | undefined;
    while (Date.now() < deadline) {
      // Re-found each time: a gateway may answer Save with a whole new page.
      const found = await requireToolRow(page, tool).catch(() => undefined);
      if (found && (await rowConnected(found.row))) return;
      error = found ? await genericGatewayAdapter.rowError!(page, tool) : undefined;
      await page.waitForTimeout(150);
    }
    throw new Error(`waited ${STEP_TIMEOUT_MS} ms for "${tool}" to show Connected${error ? `; it shows: ${error}` : ''}`);
  },
  async authorize(page) {
    const button = approveButton(page);
    await waitForEnabled(button);
    await button.click();
  },
  async authorizeState(page) {
    const notConnected: string[] = [];
    for (const tool of ticked.get(page) ?? []) {
      const found = await requireToolRow(page, tool);
      if ((await found.checkbox?.isChecked()) !== false && !(await rowConnected(found.row))) notConnected.push(tool);
    }
    return { enabled: await approveButton(page).isEnabled(), notConnected };
  },
  async rowError(page, tool) {
    const { row } = await requireToolRow(page, tool);
    const text = await row.locator('[role="alert"], .error').filter({ visible: true }).first().textContent({ timeout: 500 }).catch(() => null);
    return text?.trim() || undefined;
  },
};
