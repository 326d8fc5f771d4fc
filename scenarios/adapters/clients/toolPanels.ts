/** Reading the connection status, the tool list and the last tool result on the look-alikes' pages. */
import type { Page } from '@playwright/test';
import type { ToolCallOutcome } from './clientAdapter.ts';
import { STEP_TIMEOUT_MS } from '../pageWaits.ts';

export async function toolNames(page: Page): Promise<string[]> {
  return page.locator('[data-tool]').evaluateAll((items) => items.map((item) => item.getAttribute('data-tool') ?? ''));
}

export async function callThroughForm(page: Page, name: string, args: Record<string, unknown>): Promise<ToolCallOutcome> {
  const tool = page.getByRole('combobox', { name: 'Tool' });
  await tool.waitFor({ timeout: 3000 }).catch(() => {
    throw new Error('the client shows no tools to call');
  });
  await tool.selectOption(name);
  await page.getByRole('textbox', { name: 'Arguments (JSON)' }).fill(JSON.stringify(args));
  await page.getByRole('button', { name: 'Call tool' }).click();
  const status = page.locator('#tool-call-status');
  await status.filter({ hasText: name }).waitFor({ timeout: STEP_TIMEOUT_MS });
  const statusText = (await status.textContent()) ?? '';
  return { isError: /failed/i.test(statusText), text: (await page.getByTestId('tool-result').textContent()) ?? '' };
}

export async function visibleText(page: Page, selectors: readonly string[]): Promise<string | undefined> {
  for (const selector of selectors) {
    const locator = page.locator(selector).first();
    if (await locator.isVisible().catch(() => false)) {
      const text = ((await locator.textContent()) ?? '').trim();
      if (text) return text;
    }
  }
  return undefined;
}

/** The look-alikes' connection status reads Connected (all three show it as #connection-status). */
export async function connectedShown(page: Page): Promise<boolean> {
  return page.locator('#connection-status').filter({ hasText: /^\s*Connected/ }).isVisible().catch(() => false);
}

/** After Connect: waits until the browser has left the client, or is back and shows Connected (no error when neither: the next step says what is wrong). */
export async function leftOrConnected(page: Page, clientOrigin: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (new URL(page.url()).origin !== clientOrigin || (await connectedShown(page))) return;
    await page.waitForTimeout(150);
  }
}
