/**
 * GitHub tools that talk back while they run: `run_workflow` (Actions) reports each step of the run
 * as `notifications/progress` for the caller's progressToken, and `create_or_update_file` writes a
 * file to the default branch and tells a caller subscribed to that file's `repo://` resource that it
 * changed. Both need `repo` (or `public_repo` on a public repository), as on GitHub.
 */
import { createHash } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { notifyResourceUpdated, reportProgress, type McpCallContext } from '../core/mcp/clientFeatures.ts';
import { jsonResult, requireScope, ToolFailure } from '../core/mcp/toolResults.ts';
import { repoContentsUri } from './resources.ts';
import type { GitHubWorkspace } from './workspace.ts';

const owner = z.string().regex(/^[A-Za-z0-9-]{1,39}$/, 'must be a GitHub user or organisation login');
const repoName = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a repository name');
const WORKFLOWS = ['ci.yml'];
const STEPS = ['Queued', 'Set up job', 'Run actions/checkout@v4', 'Build', 'Test'];

export function registerGitHubActionsTools(server: McpServer, context: McpCallContext, workspace: GitHubWorkspace, baseUrl: string): void {
  const { caller } = context;
  const writable = (ownerName: string, name: string, what: string) => {
    const found = workspace.findRepository(caller, ownerName, name);
    if (!found) throw new ToolFailure(`Not Found: repository ${ownerName}/${name} does not exist or is not accessible with this token`);
    requireScope(caller, found.private ? ['repo'] : ['public_repo', 'repo'], (needed) => `Resource not accessible by personal access token: ${what} needs the ${needed} scope`);
    return found;
  };

  server.registerTool(
    'run_workflow',
    {
      description: 'Run a GitHub Actions workflow on a ref and wait for it; progress is reported step by step.',
      inputSchema: z.strictObject({ owner, repo: repoName, workflow_id: z.string().min(1).max(255), ref: z.string().min(1).max(255).optional() }),
      annotations: { readOnlyHint: false, destructiveHint: false },
    },
    async ({ owner: ownerName, repo, workflow_id, ref }, extra) => {
      const found = writable(ownerName, repo, 'running workflows');
      if (!WORKFLOWS.includes(workflow_id)) throw new ToolFailure(`Not Found: workflow ${workflow_id} does not exist in ${found.fullName}`);
      const branch = ref ?? found.defaultBranch;
      if (branch !== found.defaultBranch) throw new ToolFailure(`No ref found for: ${branch}`);
      for (const [index, step] of STEPS.entries()) await reportProgress(extra, index + 1, STEPS.length, step);
      const runNumber = workspace.nextWorkflowRun();
      const id = found.id * 100 + runNumber;
      return jsonResult({ id, run_number: runNumber, name: 'CI', head_branch: branch, status: 'completed', conclusion: 'success', steps: STEPS, html_url: `${baseUrl}/${found.fullName}/actions/runs/${id}` });
    },
  );

  server.registerTool(
    'create_or_update_file',
    {
      description: 'Create or update a single file in a repository (a commit on the default branch).',
      inputSchema: z.strictObject({
        owner,
        repo: repoName,
        path: z.string().min(1).max(1024).regex(/^(?!\/)(?!.*\.\.)/, 'must be relative, without ..'),
        content: z.string().max(1_000_000),
        message: z.string().min(1).max(1000),
        branch: z.string().min(1).max(255).optional(),
      }),
      annotations: { readOnlyHint: false, destructiveHint: true },
    },
    async ({ owner: ownerName, repo, path, content, message, branch }, extra) => {
      const found = writable(ownerName, repo, 'writing contents');
      if (branch !== undefined && branch !== found.defaultBranch) throw new ToolFailure(`Branch ${branch} not found`);
      const { created } = workspace.writeFile(found, path, content);
      await notifyResourceUpdated(context, extra, repoContentsUri(found.fullName, path));
      const sha = createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0${content}`).digest('hex');
      return jsonResult({ content: { path, sha, html_url: `${baseUrl}/${found.fullName}/blob/${found.defaultBranch}/${path}` }, commit: { message }, created });
    },
  );
}
