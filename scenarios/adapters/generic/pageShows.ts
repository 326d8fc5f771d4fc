/**
 * What a page shows when it is not the one a step expected — its alert, else its heading, else its
 * URL — for the step's error line (the gateway's consent wait and the vendor's pages say it alike).
 */
import type { Page } from '@playwright/test';

export async function pageShows(page: Page): Promise<string> {
  const text = await page.locator('[role="alert"], h1').filter({ visible: true }).first().textContent({ timeout: 1000 }).catch(() => null);
  return (text ?? page.url()).replace(/\s+/g, ' ').trim().slice(0, 200);
}
