/**
 * Steps the person-facing UX suites (consentUx.spec.ts, portalUx.spec.ts) share: an AI client that
 * meets the gateway's 401 and registers, its authorization URL opened in Chromium, the gateway's
 * sign-in, and a vendor's own sign-in and Allow / Deny page.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { MemoryOAuthProvider } from '../support/memoryOAuthProvider.ts';
import { expect } from './fixtures.ts';

export const REDIRECT = 'https://chatgpt.com/connector/oauth/cb_e2e';

/** A ChatGPT-like client registered at the gateway; its authorization URL is ready to open. */
export async function registeredClient(mcpUrl: string): Promise<MemoryOAuthProvider> {
  const provider = new MemoryOAuthProvider({ redirectUrl: REDIRECT, clientName: 'ChatGPT' });
  await expect(new Client({ name: 'ChatGPT', version: '1' }).connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }))).rejects.toBeInstanceOf(UnauthorizedError);
  return provider;
}

export async function gatewaySignIn(page: Page, person: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Work email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the client's authorization URL, signs in when asked, and stops on the consent page. */
export async function openConsent(page: Page, provider: MemoryOAuthProvider, person: { email: string; password: string }): Promise<void> {
  await page.goto(provider.lastAuthorizationUrl.href);
  const heading = page.getByRole('heading', { name: 'Authorize Tool Access for ChatGPT' });
  await expect(heading.or(page.getByLabel('Work email'))).toBeVisible();
  if (await page.getByLabel('Work email').isVisible()) await gatewaySignIn(page, person);
  await expect(heading).toBeVisible();
}

/** A fresh browser for `person`, on the consent page of a newly registered ChatGPT-like client. */
export async function consentInNewContext(
  browser: Browser,
  mcpUrl: string,
  person: { email: string; password: string },
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; provider: MemoryOAuthProvider }> {
  const provider = await registeredClient(mcpUrl);
  const context = await browser.newContext({ ignoreHTTPSErrors: true, ...options });
  const page = await context.newPage();
  await openConsent(page, provider, person);
  return { context, page, provider };
}

/** Presses "Authorize tools" and waits until the browser is back at the client. */
export async function authorizeTools(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Authorize tools' }).click();
  await page.waitForURL((url) => url.href.startsWith(REDIRECT));
}

export async function vendorSignInAndDecide(page: Page, account: { email: string; password: string }, decision: 'Allow' | 'Deny'): Promise<void> {
  const signIn = page.getByRole('button', { name: 'Sign in' });
  await expect(signIn.or(page.getByRole('button', { name: decision }))).toBeVisible();
  if (await signIn.isVisible()) {
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await signIn.click();
  }
  await page.getByRole('button', { name: decision }).click();
}

/** The element that has focus, described the way the tests check it. */
export function focused(page: Page): Promise<{ id: string; role: string | null; text: string; inRow: string | null }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      id: element?.id ?? '',
      role: element?.getAttribute('role') ?? null,
      text: (element?.textContent ?? '').trim(),
      inRow: element?.closest('li.connector')?.getAttribute('data-connector') ?? null,
    };
  });
}
