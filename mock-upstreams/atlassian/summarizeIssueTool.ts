/**
 * `summarize_issue`: Atlassian's "summarize this issue" done with the client's own model — the tool
 * sends the issue (summary, description, comments) as `sampling/createMessage` and returns the
 * model's text. A client that did not declare sampling gets a tool error saying so; a client that
 * refuses the request (its user said no) gets that refusal back as the tool error.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { sample, type McpCallContext } from '../core/mcp/clientFeatures.ts';
import { jsonResult, requireScope, ToolFailure } from '../core/mcp/toolResults.ts';
import type { AtlassianWorkspace } from './workspace.ts';

export const SAMPLING_TOOLS = ['summarize_issue'];

export function registerSummarizeIssueTool(server: McpServer, context: McpCallContext, workspace: AtlassianWorkspace): void {
  const { caller } = context;
  server.registerTool(
    'summarize_issue',
    {
      description: 'Summarize a Jira issue and its comments in a few sentences (uses your AI client’s model through MCP sampling).',
      inputSchema: z.strictObject({ issueKey: z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,9}-[1-9]\d{0,6}$/, 'must be an issue key such as ENG-12') }),
      annotations: { readOnlyHint: true },
    },
    async ({ issueKey }, extra) => {
      requireScope(caller, ['read:jira-work'], (needed) => `Unauthorized; scope does not match (needs ${needed})`);
      const issue = workspace.visibleIssue(caller.accountId, issueKey);
      if (!issue) throw new ToolFailure('Issue does not exist or you do not have permission to see it.');
      const comments = issue.comments.map((c) => `- ${workspace.accountName(c.authorAccountId)?.displayName ?? 'Unknown'}: ${c.body}`);
      const text = [`${issue.key}: ${issue.summary}`, `Type: ${issue.issueType}; status: ${issue.status}; priority: ${issue.priority}`, '', issue.description, '', 'Comments:', ...(comments.length > 0 ? comments : ['- none'])].join('\n');
      let result;
      try {
        result = await sample(context, extra, {
          systemPrompt: 'You summarize Jira issues for busy engineers: three sentences at most, plain text.',
          messages: [{ role: 'user', content: { type: 'text', text } }],
          maxTokens: 300,
          includeContext: 'none',
        });
      } catch (error) {
        if (error instanceof McpError) throw new ToolFailure(`sampling_failed: the client did not complete the sampling request (${error.message})`);
        throw error;
      }
      if (result.content.type !== 'text') throw new ToolFailure(`sampling_failed: the client's model answered with ${result.content.type}, not text`);
      return jsonResult({ issueKey: issue.key, summary: result.content.text, model: result.model });
    },
  );
}
