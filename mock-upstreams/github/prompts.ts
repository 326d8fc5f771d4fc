/**
 * GitHub prompts: `summarize_pull_request` turns a seeded pull request (title, branches, body, state)
 * into a user message asking the model for a review summary. Unknown or unreadable pull requests
 * are refused with GitHub's "Not Found" wording, as the tools do.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Caller } from '../core/callerAuth.ts';
import type { GitHubWorkspace } from './workspace.ts';

export function registerGitHubPrompts(server: McpServer, caller: Caller, workspace: GitHubWorkspace): void {
  server.registerPrompt(
    'summarize_pull_request',
    {
      title: 'Summarize a pull request',
      description: 'Summarize a pull request for a reviewer: what changes, why, and what to check.',
      argsSchema: {
        owner: z.string().describe('Repository owner (user or organisation)'),
        repo: z.string().describe('Repository name'),
        pr_number: z.string().regex(/^[1-9]\d{0,6}$/, 'must be a pull request number').describe('Pull request number'),
      },
    },
    ({ owner, repo, pr_number }) => {
      const found = workspace.findRepository(caller, owner, repo);
      const pull = found && workspace.fixture.pullRequests.find((p) => p.repo === found.fullName && p.number === Number(pr_number));
      if (!found || !pull) throw new McpError(ErrorCode.InvalidParams, `Not Found: pull request ${owner}/${repo}#${pr_number} does not exist or is not accessible with this token`);
      const state = pull.merged ? 'merged' : pull.state;
      const text = [
        `Summarize pull request ${found.fullName}#${pull.number} for a reviewer: what it changes, why, and what to check.`,
        '',
        `Title: ${pull.title}`,
        `Author: @${pull.authorLogin}`,
        `Branches: ${pull.head} → ${pull.base} (${state})`,
        '',
        pull.body,
      ].join('\n');
      return { description: `Review summary of ${found.fullName}#${pull.number}`, messages: [{ role: 'user', content: { type: 'text', text } }] };
    },
  );
}
