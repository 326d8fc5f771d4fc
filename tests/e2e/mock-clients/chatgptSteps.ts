/** The seed document's ChatGPT steps, by role and accessible name, as scenarios drive them. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

export async function createChatgptApp(page: Page, startUrl: string, name: string, mcpUrl: string): Promise<void> {
  await test.step('create-app: Settings → Apps → Advanced settings → Developer mode → Create app', async () => {
    await page.goto(startUrl);
    await page.getByRole('button', { name: 'Open profile menu' }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Apps' }).click();
    await expect(page.getByRole('button', { name: 'Create app' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Advanced settings' }).click();
    const developerMode = page.getByRole('switch', { name: 'Developer mode' });
    await expect(developerMode).not.toBeChecked();
    await developerMode.click();
    await expect(page.getByRole('switch', { name: 'Developer mode' })).toBeChecked();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('textbox', { name: 'MCP Server URL' }).fill(mcpUrl);
    await expect(page.getByRole('combobox', { name: 'Authentication' })).toHaveValue('oauth');
    const create = page.getByRole('button', { name: 'Create', exact: true });
    await expect(create).toBeDisabled();
    await page.getByRole('checkbox', { name: 'I understand and want to continue' }).check();
    await expect(create).toBeEnabled();
    await create.click();
  });
}

export async function callChatgptTool(page: Page, tool: string, args = '{}'): Promise<void> {
  await test.step(`call-tool: ${tool}`, async () => {
    await page.getByRole('combobox', { name: 'Tool' }).selectOption(tool);
    await page.getByRole('textbox', { name: 'Arguments (JSON)' }).fill(args);
    await page.getByRole('button', { name: 'Call tool' }).click();
  });
}
