/**
 * The Claude look-alike: Settings → Connectors → Add custom connector (name, URL) → Connect → the
 * gateway → back, connected (Refresh tools, the tools, Call tool). The scenario's MCP revision is the
 * form's "MCP protocol version" (a look-alike's field: real Claude does not ask).
 */
import type { Page } from '@playwright/test';
import type { ClientProfileInfo } from '../../../mock-clients/index.ts';
import { chooseRevision, type ClientAdapter } from './clientAdapter.ts';
import { STEP_TIMEOUT_MS } from '../pageWaits.ts';
import { useClaudePrompt } from './featurePanels.ts';
import { callThroughForm, connectedShown, leftOrConnected, toolNames, visibleText } from './toolPanels.ts';

export function claudeAdapter(info: ClientProfileInfo): ClientAdapter {
  let connectorName = '';
  const openConnector = async (page: Page) => {
    if (await page.locator('#connection-status').isVisible().catch(() => false)) return;
    await page.getByRole('list', { name: 'Connectors' }).getByRole('link', { name: connectorName }).first().click();
  };
  return {
    profile: 'claude',
    origin: info.origin,
    showsConnected: connectedShown,
    displayName: info.displayName,
    redirectUriPrefixes: ['https://claude.ai/api/mcp/auth_callback', 'https://claude.com/api/mcp/auth_callback'],
    async createApp(page, mcpUrl, appName, revision) {
      connectorName = appName;
      await page.goto(info.startUrl);
      await page.getByRole('link', { name: 'Settings' }).first().click();
      await page.getByRole('link', { name: 'Connectors' }).click();
      await page.getByRole('button', { name: 'Add custom connector' }).click();
      await page.getByRole('textbox', { name: 'Name' }).fill(appName);
      await page.getByRole('textbox', { name: 'Remote MCP server URL' }).fill(mcpUrl);
      await chooseRevision(page, revision);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      const item = page.getByRole('listitem', { name: appName });
      const connect = (await item.count()) ? item.getByRole('button', { name: 'Connect', exact: true }) : page.getByRole('button', { name: 'Connect', exact: true });
      await connect.first().click();
      // An authorization server that asks nothing sends the browser straight back: connected counts as gone and back.
      await leftOrConnected(page, info.origin);
    },
    async awaitConnected(page) {
      await page.waitForURL((url) => url.origin === info.origin, { timeout: STEP_TIMEOUT_MS });
      await openConnector(page);
      await page.locator('#connection-status').filter({ hasText: 'Connected' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      return toolNames(page);
    },
    async refresh(page) {
      await openConnector(page);
      await page.getByRole('button', { name: 'Refresh tools' }).click();
      await page.waitForLoadState();
      return toolNames(page);
    },
    async callTool(page, name, args) {
      await openConnector(page);
      return callThroughForm(page, name, args);
    },
    async usePrompt(page, prompt, args) {
      await openConnector(page);
      return useClaudePrompt(page, prompt, args);
    },
    async shownTools(page) {
      await openConnector(page);
      return toolNames(page);
    },
    shownError: (page) => visibleText(page, ['[data-testid="connector-error"]', '[role="alert"]']),
  };
}
