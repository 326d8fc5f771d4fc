/**
 * The ChatGPT look-alike, driven as the seed document describes: profile → Settings → Apps →
 * Advanced settings → Developer mode → Create app (Name, MCP Server URL, OAuth, "I understand",
 * Create) → the gateway → back on the app page (Information, Refresh, the tools). The scenario's MCP
 * revision is the form's "MCP protocol version" (a look-alike's field: real ChatGPT does not ask).
 */
import type { Page } from '@playwright/test';
import type { ClientProfileInfo } from '../../../mock-clients/index.ts';
import { chooseRevision, type ClientAdapter } from './clientAdapter.ts';
import { STEP_TIMEOUT_MS } from '../pageWaits.ts';
import { showChatgptWidget } from './featurePanels.ts';
import { callThroughForm, connectedShown, toolNames, visibleText } from './toolPanels.ts';

export function chatgptAdapter(info: ClientProfileInfo): ClientAdapter {
  /** Profile → Settings → Apps (Developer mode on) → Create app → Name, MCP Server URL, OAuth. */
  const fillNewApp = async (page: Page, mcpUrl: string, appName: string) => {
    await page.goto(info.startUrl);
    await page.getByRole('button', { name: 'Open profile menu' }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Apps' }).click();
    if (!(await page.getByRole('button', { name: 'Create app' }).isVisible().catch(() => false))) {
      await page.getByRole('button', { name: 'Advanced settings' }).click();
      const developerMode = page.getByRole('switch', { name: 'Developer mode' });
      if ((await developerMode.getAttribute('aria-checked')) !== 'true') {
        await developerMode.click();
        await page.waitForLoadState();
      }
      await page.getByRole('button', { name: 'Back' }).click();
    }
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill(appName);
    await page.getByRole('textbox', { name: 'MCP Server URL' }).fill(mcpUrl);
    await page.getByRole('combobox', { name: 'Authentication' }).selectOption({ label: 'OAuth' });
  };
  return {
    profile: 'chatgpt',
    origin: info.origin,
    showsConnected: connectedShown,
    displayName: info.displayName,
    redirectUriPrefixes: ['https://chatgpt.com/connector/oauth/', 'https://chatgpt.com/connector_platform_oauth_redirect'],
    async createApp(page, mcpUrl, appName, revision) {
      await fillNewApp(page, mcpUrl, appName);
      await chooseRevision(page, revision);
      await page.getByRole('checkbox', { name: 'I understand and want to continue' }).check();
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page.waitForURL((url) => url.origin !== info.origin || page.url().includes('/settings/apps/'), { timeout: STEP_TIMEOUT_MS });
    },
    async createAppUnacknowledged(page, mcpUrl, appName) {
      await fillNewApp(page, mcpUrl, appName);
      // The page's own script decides; a person who left the box unticked sees a grey button.
      const create = page.getByRole('button', { name: 'Create', exact: true });
      return { createEnabled: await create.isEnabled(), unfilled: 'I understand and want to continue' };
    },
    shownTools: toolNames,
    async awaitConnected(page) {
      await page.waitForURL((url) => url.origin === info.origin, { timeout: STEP_TIMEOUT_MS });
      // A failed connection shows its error at once; waiting out the timeout would only hide it.
      const failed = page.getByTestId('app-error');
      await page.locator('#connection-status').filter({ hasText: 'Connected' }).or(failed).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      if (await failed.isVisible()) throw new Error(`the client shows: ${((await failed.textContent()) ?? '').trim()}`);
      return toolNames(page);
    },
    async refresh(page) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForLoadState();
      await page.locator('#connection-status').waitFor({ timeout: STEP_TIMEOUT_MS });
      return toolNames(page);
    },
    callTool: callThroughForm,
    showWidget: showChatgptWidget,
    shownError: (page) => visibleText(page, ['[data-testid="create-error"]', '[data-testid="app-error"]', '[role="alert"]']),
  };
}
