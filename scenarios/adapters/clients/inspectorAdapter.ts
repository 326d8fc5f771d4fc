/**
 * The MCP Inspector look-alike: Transport Type "Streamable HTTP", URL, Connect → the gateway → back
 * on /oauth/callback, connected; List Tools; pick a tool, Arguments (JSON), Run Tool.
 */
import type { Page } from '@playwright/test';
import type { ClientProfileInfo } from '../../../mock-clients/index.ts';
import { STATELESS_REVISION } from '../../../wire/protocolVersions.ts';
import type { ClientAdapter } from './clientAdapter.ts';
import { STEP_TIMEOUT_MS } from '../pageWaits.ts';
import { answerInspectorElicitation, watchInspectorProgress } from './featurePanels.ts';
import { connectedShown, leftOrConnected, visibleText } from './toolPanels.ts';

const listed = (page: Page) => page.locator('#tool-list li > button').allTextContents();

export function inspectorAdapter(info: ClientProfileInfo): ClientAdapter {
  const listTools = async (page: Page) => {
    // Clear first, so the wait below sees the new list and not the one already on screen.
    if (await page.getByRole('button', { name: 'Clear' }).isEnabled().catch(() => false)) await page.getByRole('button', { name: 'Clear' }).click();
    await page.locator('#tool-list li').first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS }).catch(() => undefined);
    await page.getByRole('button', { name: 'List Tools' }).click();
    await page.locator('#tool-list li').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    return listed(page);
  };
  return {
    profile: 'inspector',
    origin: info.origin,
    showsConnected: connectedShown,
    displayName: info.displayName,
    redirectUriPrefixes: ['http://localhost:6274/oauth/callback'],
    async createApp(page, mcpUrl, _appName, revision) {
      // The page's 2026-07-28 mode is chosen in its address, as a person bookmarks it.
      await page.goto(revision === STATELESS_REVISION ? `${info.startUrl}?${new URLSearchParams({ protocolVersion: revision })}` : info.startUrl);
      await page.getByRole('combobox', { name: 'Transport Type' }).selectOption({ label: 'Streamable HTTP' });
      await page.getByRole('textbox', { name: 'URL' }).fill(mcpUrl);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      // An authorization server that asks nothing sends the browser straight back: connected counts as gone and back.
      await leftOrConnected(page, info.origin);
    },
    async awaitConnected(page) {
      await page.waitForURL((url) => url.origin === info.origin, { timeout: STEP_TIMEOUT_MS });
      await page.locator('#connection-status').filter({ hasText: /^Connected/ }).waitFor({ timeout: STEP_TIMEOUT_MS });
      return listTools(page);
    },
    refresh: listTools,
    async callTool(page, name, args) {
      if (!(await page.locator('#tool-list li > button').count())) await listTools(page);
      await page.locator('#tool-list li > button').filter({ hasText: new RegExp(`^${name}$`) }).click();
      await page.getByRole('textbox', { name: 'Arguments (JSON)' }).fill(JSON.stringify(args));
      await page.getByRole('button', { name: 'Run Tool' }).click();
      const status = page.locator('#tool-result-status');
      await status.filter({ hasText: /Success|Error/ }).waitFor({ timeout: STEP_TIMEOUT_MS });
      return { isError: /Error/.test((await status.textContent()) ?? ''), text: (await page.getByTestId('tool-result').textContent()) ?? '' };
    },
    callToolWatchingProgress: watchInspectorProgress,
    callToolAnsweringElicitation: answerInspectorElicitation,
    shownTools: listed,
    shownError: (page) => visibleText(page, ['#connection-error', '[role="alert"]']),
  };
}
