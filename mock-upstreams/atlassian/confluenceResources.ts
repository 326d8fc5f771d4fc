/**
 * Confluence pages as MCP resources: `confluence://{cloudId}/pages/{pageId}` (the site's cloud id, as
 * Atlassian's REST paths carry it), body as text/markdown with the title as heading. Listed and
 * readable only with read:confluence-content.all and only in spaces the caller may see; a page of a
 * restricted space answers "not found", as the tools do. Pages never change in the mock, so the
 * server does not offer subscriptions.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from '../core/callerAuth.ts';
import { resourceNotFound } from '../core/mcp/resourceErrors.ts';
import type { AtlassianWorkspace } from './workspace.ts';

const READ_SCOPE = 'read:confluence-content.all';

export function registerConfluenceResources(server: McpServer, caller: Caller, workspace: AtlassianWorkspace): void {
  const { cloudId } = workspace.fixture.site;
  const uriOf = (pageId: string) => `confluence://${cloudId}/pages/${pageId}`;
  const template = new ResourceTemplate(`confluence://${cloudId}/pages/{pageId}`, {
    list: () => ({
      resources: caller.scopes.has(READ_SCOPE)
        ? workspace.visiblePages(caller.accountId).map((p) => ({ uri: uriOf(p.id), name: p.title, title: `${p.spaceKey}: ${p.title}`, mimeType: 'text/markdown' }))
        : [],
    }),
  });
  server.registerResource('confluence_page', template, { title: 'Confluence page', description: 'A Confluence page body as Markdown.', mimeType: 'text/markdown' }, (uri, { pageId }) => {
    if (!caller.scopes.has(READ_SCOPE)) throw new McpError(ErrorCode.InvalidRequest, `Unauthorized; scope does not match (needs ${READ_SCOPE})`);
    const page = workspace.visiblePages(caller.accountId).find((p) => p.id === pageId);
    if (!page) throw resourceNotFound(uri.href);
    return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: `# ${page.title}\n\n${page.body}\n` }] };
  });
}
