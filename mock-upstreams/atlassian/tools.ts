/**
 * Atlassian MCP tools (Jira and Confluence) bound to one caller. Scopes follow Atlassian's classic
 * 3LO scopes: Jira reads need read:jira-work, writes write:jira-work; Confluence search needs
 * search:confluence and page reads read:confluence-content.all. Missing ones answer Atlassian's
 * "Unauthorized; scope does not match". Restricted projects and spaces look nonexistent to outsiders.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Caller } from '../core/callerAuth.ts';
import { jsonResult, requireScope, ToolFailure } from '../core/mcp/toolResults.ts';
import { JqlError, parseJql } from './jql.ts';
import type { AtlassianWorkspace, MutableIssue } from './workspace.ts';

const issueKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,9}-[1-9]\d{0,6}$/, 'must be an issue key such as ENG-12');
const NO_ISSUE = 'Issue does not exist or you do not have permission to see it.';

export function registerAtlassianTools(server: McpServer, caller: Caller, workspace: AtlassianWorkspace, baseUrl: string): void {
  const scope = (...scopes: string[]) => requireScope(caller, scopes, (needed) => `Unauthorized; scope does not match (needs ${needed})`);
  const me = caller.accountId;
  const brief = (i: MutableIssue) => ({
    key: i.key,
    id: i.id,
    summary: i.summary,
    status: i.status,
    issueType: i.issueType,
    priority: i.priority,
    assignee: workspace.accountName(i.assigneeAccountId),
    updated: i.updated,
  });
  const issueOf = (key: string) => {
    const issue = workspace.visibleIssue(me, key);
    if (!issue) throw new ToolFailure(NO_ISSUE);
    return issue;
  };

  server.registerTool(
    'jira_search_issues',
    {
      description: 'Search Jira issues with JQL (project, status, assignee, reporter, issuetype, labels, text ~, ORDER BY).',
      inputSchema: z.strictObject({
        jql: z.string().min(1).max(2000),
        maxResults: z.int().min(1).max(100).default(50),
        startAt: z.int().min(0).default(0),
      }),
      annotations: { readOnlyHint: true },
    },
    ({ jql, maxResults, startAt }) => {
      scope('read:jira-work');
      try {
        const found = workspace.search(me, parseJql(jql));
        return jsonResult({ startAt, maxResults, total: found.length, issues: found.slice(startAt, startAt + maxResults).map(brief) });
      } catch (error) {
        if (error instanceof JqlError) throw new ToolFailure(error.message);
        throw error;
      }
    },
  );

  server.registerTool(
    'jira_get_issue',
    {
      description: 'Get one Jira issue with its description and comments.',
      inputSchema: z.strictObject({ issueKey }),
      annotations: { readOnlyHint: true },
    },
    ({ issueKey: key }) => {
      scope('read:jira-work');
      const issue = issueOf(key);
      return jsonResult({
        ...brief(issue),
        self: `${baseUrl}/rest/api/3/issue/${issue.id}`,
        project: issue.projectKey,
        description: issue.description,
        labels: issue.labels,
        reporter: workspace.accountName(issue.reporterAccountId),
        created: issue.created,
        comments: issue.comments.map((c) => ({ id: c.id, author: workspace.accountName(c.authorAccountId), body: c.body, created: c.created })),
      });
    },
  );

  server.registerTool(
    'jira_create_issue',
    {
      description: 'Create a Jira issue in a project.',
      inputSchema: z.strictObject({
        projectKey: z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'must be a project key such as ENG'),
        summary: z.string().min(1).max(255),
        description: z.string().max(32_767).optional(),
        issueType: z.enum(['Task', 'Bug', 'Story']).default('Task'),
        assigneeAccountId: z.string().min(1).max(128).optional(),
      }),
      annotations: { readOnlyHint: false, destructiveHint: false },
    },
    ({ projectKey, summary, description, issueType, assigneeAccountId }) => {
      scope('write:jira-work');
      const project = workspace.visibleProject(me, projectKey);
      if (!project) throw new ToolFailure(`Specify a valid project ID or key: project ${projectKey} does not exist or you do not have permission to see it.`);
      if (assigneeAccountId !== undefined && !workspace.fixture.accounts.some((a) => a.id === assigneeAccountId)) {
        throw new ToolFailure(`assignee: the user ${assigneeAccountId} does not exist.`);
      }
      const issue = workspace.createIssue({ projectKey: project.key, summary, description: description ?? '', issueType, assigneeAccountId: assigneeAccountId ?? null, reporterAccountId: me });
      return jsonResult({ id: issue.id, key: issue.key, self: `${baseUrl}/rest/api/3/issue/${issue.id}` });
    },
  );

  server.registerTool(
    'jira_add_comment',
    {
      description: 'Add a comment to a Jira issue.',
      inputSchema: z.strictObject({ issueKey, body: z.string().min(1).max(32_767) }),
      annotations: { readOnlyHint: false, destructiveHint: false },
    },
    ({ issueKey: key, body }) => {
      scope('write:jira-work');
      const issue = issueOf(key);
      const comment = workspace.addComment(issue, me, body);
      return jsonResult({ id: comment.id, issueKey: issue.key, author: workspace.accountName(me), created: comment.created });
    },
  );

  server.registerTool(
    'confluence_search',
    {
      description: 'Search Confluence pages by text, optionally within one space.',
      inputSchema: z.strictObject({
        query: z.string().min(1).max(500),
        spaceKey: z.string().regex(/^[A-Z][A-Z0-9]{0,254}$/, 'must be a space key such as TEAM').optional(),
        limit: z.int().min(1).max(50).default(25),
      }),
      annotations: { readOnlyHint: true },
    },
    ({ query, spaceKey, limit }) => {
      scope('search:confluence');
      const pages = workspace.visiblePages(me);
      if (spaceKey !== undefined && !pages.some((p) => p.spaceKey === spaceKey)) throw new ToolFailure(`No space with key ${spaceKey} exists or you do not have permission to see it.`);
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const results = pages
        .filter((p) => spaceKey === undefined || p.spaceKey === spaceKey)
        .filter((p) => words.every((w) => `${p.title}\n${p.body}`.toLowerCase().includes(w)))
        .map((p) => ({ id: p.id, title: p.title, spaceKey: p.spaceKey, excerpt: p.body.slice(0, 160), url: `${baseUrl}/wiki/spaces/${p.spaceKey}/pages/${p.id}` }));
      return jsonResult({ size: Math.min(limit, results.length), totalSize: results.length, results: results.slice(0, limit) });
    },
  );

  server.registerTool(
    'confluence_get_page',
    {
      description: 'Get a Confluence page with its body.',
      inputSchema: z.strictObject({ pageId: z.string().regex(/^\d{1,19}$/, 'must be a numeric page id') }),
      annotations: { readOnlyHint: true },
    },
    ({ pageId }) => {
      scope('read:confluence-content.all');
      const page = workspace.visiblePages(me).find((p) => p.id === pageId);
      if (!page) throw new ToolFailure(`Page ${pageId} does not exist or you do not have permission to see it.`);
      return jsonResult({ id: page.id, title: page.title, spaceKey: page.spaceKey, version: page.version, author: workspace.accountName(page.authorAccountId), created: page.created, body: page.body });
    },
  );
}
