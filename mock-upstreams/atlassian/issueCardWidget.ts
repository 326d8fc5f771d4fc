/**
 * `jira_issue_card`: a Jira issue as an MCP Apps widget. The tool definition's `_meta` points at the
 * `ui://jira/issue-card.html` resource in the MCP Apps form (`ui.resourceUri`), the legacy flat key
 * (`ui/resourceUri`, which hosts still check) and ChatGPT's `openai/outputTemplate`; the resource is
 * `text/html;profile=mcp-app` (the MCP Apps mime type, @modelcontextprotocol/ext-apps
 * RESOURCE_MIME_TYPE). The result carries the card's data as structuredContent plus a text line.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Caller } from '../core/callerAuth.ts';
import { requireScope, ToolFailure } from '../core/mcp/toolResults.ts';
import { ISSUE_CARD_HTML } from './issueCardHtml.ts';
import type { AtlassianWorkspace } from './workspace.ts';

export const ISSUE_CARD_URI = 'ui://jira/issue-card.html';
export const MCP_APP_MIME_TYPE = 'text/html;profile=mcp-app';

export function registerIssueCardWidget(server: McpServer, caller: Caller, workspace: AtlassianWorkspace, baseUrl: string): void {
  server.registerResource(
    'jira_issue_card_ui',
    ISSUE_CARD_URI,
    { title: 'Jira issue card', description: 'Widget showing one Jira issue.', mimeType: MCP_APP_MIME_TYPE },
    (uri) => ({
      contents: [{ uri: uri.href, mimeType: MCP_APP_MIME_TYPE, text: ISSUE_CARD_HTML, _meta: { ui: { prefersBorder: true, csp: { connectDomains: [], resourceDomains: [] } } } }],
    }),
  );

  server.registerTool(
    'jira_issue_card',
    {
      title: 'Show Jira issue card',
      description: 'Show a Jira issue as a card (status, type, priority, assignee).',
      inputSchema: z.strictObject({ issueKey: z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,9}-[1-9]\d{0,6}$/, 'must be an issue key such as ENG-12') }),
      annotations: { readOnlyHint: true },
      _meta: { ui: { resourceUri: ISSUE_CARD_URI }, 'ui/resourceUri': ISSUE_CARD_URI, 'openai/outputTemplate': ISSUE_CARD_URI },
    },
    ({ issueKey }) => {
      requireScope(caller, ['read:jira-work'], (needed) => `Unauthorized; scope does not match (needs ${needed})`);
      const issue = workspace.visibleIssue(caller.accountId, issueKey);
      if (!issue) throw new ToolFailure('Issue does not exist or you do not have permission to see it.');
      const card = {
        key: issue.key,
        summary: issue.summary,
        status: issue.status,
        issueType: issue.issueType,
        priority: issue.priority,
        assignee: workspace.accountName(issue.assigneeAccountId)?.displayName ?? null,
        url: `${baseUrl}/browse/${issue.key}`,
      };
      return { content: [{ type: 'text', text: `${card.key} ${card.summary} (${card.status})` }], structuredContent: card };
    },
  );
}
