/** The MCP Inspector's steps, by role and accessible name, as scenarios drive them. */
import type { Page } from '@playwright/test';
import { test } from './fixtures.ts';

export async function connectInspector(page: Page, startUrl: string, mcpUrl: string): Promise<void> {
  await test.step('create-app: Transport Type Streamable HTTP, URL, Connect', async () => {
    await page.goto(startUrl);
    await page.getByRole('combobox', { name: 'Transport Type' }).selectOption('Streamable HTTP');
    await page.getByRole('textbox', { name: 'URL' }).fill(mcpUrl);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
  });
}
