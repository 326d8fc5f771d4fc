/**
 * Waiting for what a person would wait for, in library code (the scenarios run outside the
 * Playwright test runner, so no `expect`): a locator showing a text, a button becoming enabled.
 */
import type { Locator } from '@playwright/test';

export const STEP_TIMEOUT_MS = 20_000;

export async function waitForText(locator: Locator, text: RegExp, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.first().textContent({ timeout: 1000 }).catch(() => null)) ?? '';
    if (text.test(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`waited ${timeoutMs} ms for ${text} but saw "${last.trim().slice(0, 200)}"`);
}

export async function waitForEnabled(locator: Locator, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await locator.first().isEnabled().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`waited ${timeoutMs} ms for "${await locator.first().textContent().catch(() => '?')}" to become enabled`);
}
