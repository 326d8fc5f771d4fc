/**
 * Atlassian prompts: `draft_status_update(project_key)` gathers the project's issues by status into a
 * user message asking for a weekly status update. `project_key` completes (completion/complete) to
 * the keys of projects this caller may browse; a restricted project is neither completed nor found.
 */
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Caller } from '../core/callerAuth.ts';
import { parseJql } from './jql.ts';
import type { AtlassianWorkspace } from './workspace.ts';

const STATUSES = ['Done', 'In Progress', 'To Do'] as const;

export function registerAtlassianPrompts(server: McpServer, caller: Caller, workspace: AtlassianWorkspace): void {
  const visibleKeys = () => workspace.fixture.projects.filter((p) => workspace.visibleProject(caller.accountId, p.key)).map((p) => p.key);

  server.registerPrompt(
    'draft_status_update',
    {
      title: 'Draft a project status update',
      description: 'Draft a weekly status update for a Jira project from its issues.',
      argsSchema: {
        project_key: completable(z.string().describe('Jira project key, e.g. ENG'), (value) => visibleKeys().filter((k) => k.startsWith(value.toUpperCase()))),
      },
    },
    ({ project_key }) => {
      const project = workspace.visibleProject(caller.accountId, project_key);
      if (!project) throw new McpError(ErrorCode.InvalidParams, `No project could be found with key '${project_key}'.`);
      const issues = workspace.search(caller.accountId, parseJql(`project = ${project.key} ORDER BY key ASC`));
      const sections = STATUSES.map((status) => {
        const lines = issues.filter((i) => i.status === status).map((i) => `- ${i.key} ${i.summary} (${i.priority})`);
        return `## ${status}\n${lines.length > 0 ? lines.join('\n') : '- nothing'}`;
      });
      const text = [`Draft a short weekly status update for the Jira project ${project.name} (${project.key}) from these issues. Lead with what shipped, then what is in flight, then risks.`, '', ...sections].join('\n');
      return { description: `Status update for ${project.key}`, messages: [{ role: 'user', content: { type: 'text', text } }] };
    },
  );
}
