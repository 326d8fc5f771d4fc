/** Claude's steps, by role and accessible name, as scenarios drive them. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

export async function addClaudeConnector(page: Page, startUrl: string, name: string, mcpUrl: string): Promise<void> {
  await test.step('create-app: Settings → Connectors → Add custom connector', async () => {
    await page.goto(startUrl);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Connectors' }).click();
    await page.getByRole('button', { name: 'Add custom connector' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('textbox', { name: 'Remote MCP server URL' }).fill(mcpUrl);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('listitem', { name })).toContainText('Not connected');
  });
}

export async function connectClaudeConnector(page: Page, name: string): Promise<void> {
  await test.step(`connect ${name}`, async () => {
    await page.getByRole('listitem', { name }).getByRole('button', { name: 'Connect' }).click();
  });
}
