/**
 * GitHub MCP tools over the run's workspace, bound to one caller. Input schemas are strict (unknown
 * arguments are refused); what a caller sees follows GitHub's rules (workspace.ts); writes need
 * `public_repo` or `repo`, and land in the workspace so later reads see them.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Caller } from '../core/callerAuth.ts';
import { jsonResult, requireScope, ToolFailure } from '../core/mcp/toolResults.ts';
import { parseIssueQuery } from './issueSearch.ts';
import type { GitHubWorkspace } from './workspace.ts';

const owner = z.string().regex(/^[A-Za-z0-9-]{1,39}$/, 'must be a GitHub user or organisation login');
const repoName = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a repository name');
const perPage = z.int().min(1).max(100).default(30);

export function registerGitHubTools(server: McpServer, caller: Caller, workspace: GitHubWorkspace, baseUrl: string): void {
  const notFound = (what: string) => new ToolFailure(`Not Found: ${what} does not exist or is not accessible with this token`);
  type Repository = GitHubWorkspace['fixture']['repositories'][number];
  const summary = (repo: Repository) => ({
    full_name: repo.fullName,
    owner: repo.owner,
    name: repo.name,
    private: repo.private,
    description: repo.description,
    language: repo.language,
    default_branch: repo.defaultBranch,
    stargazers_count: repo.stargazers,
    html_url: `${baseUrl}/${repo.fullName}`,
  });
  const repository = (ownerName: string, name: string): Repository => {
    const found = workspace.findRepository(caller, ownerName, name);
    if (!found) throw notFound(`repository ${ownerName}/${name}`);
    return found;
  };

  server.registerTool(
    'list_repositories',
    {
      description: 'List repositories the authenticated user can read, or those of one owner.',
      inputSchema: z.strictObject({
        owner: owner.optional().describe('Only repositories of this user or organisation'),
        visibility: z.enum(['all', 'public', 'private']).default('all'),
        per_page: perPage,
        page: z.int().min(1).default(1),
      }),
      annotations: { readOnlyHint: true },
    },
    ({ owner: ownerName, visibility, per_page, page }) => {
      const login = workspace.loginOf(caller);
      const repos = workspace
        .readableRepositories(caller)
        .filter((r) => (ownerName ? r.owner.toLowerCase() === ownerName.toLowerCase() : workspace.isMember(login, r)))
        .filter((r) => visibility === 'all' || r.private === (visibility === 'private'));
      return jsonResult(repos.slice((page - 1) * per_page, page * per_page).map(summary));
    },
  );

  server.registerTool(
    'get_repository',
    {
      description: 'Get one repository by owner and name.',
      inputSchema: z.strictObject({ owner, repo: repoName }),
      annotations: { readOnlyHint: true },
    },
    ({ owner: ownerName, repo }) => {
      const found = repository(ownerName, repo);
      return jsonResult({ ...summary(found), created_at: found.createdAt, pushed_at: found.pushedAt, visibility: found.private ? 'private' : 'public' });
    },
  );

  server.registerTool(
    'search_issues',
    {
      description: 'Search issues and pull requests with GitHub search syntax (repo:, is:, state:, author:, label:, words).',
      inputSchema: z.strictObject({ query: z.string().min(1).max(256), per_page: perPage }),
      annotations: { readOnlyHint: true },
    },
    ({ query, per_page }) => {
      const q = parseIssueQuery(query);
      const readable = new Set(workspace.readableRepositories(caller).map((r) => r.fullName.toLowerCase()));
      const all = [
        ...workspace.issues().map((i) => ({ ...i, is_pull_request: false })),
        ...workspace.fixture.pullRequests.map((p) => ({ ...p, labels: [] as readonly string[], is_pull_request: true })),
      ];
      const items = all
        .filter((i) => readable.has(i.repo.toLowerCase()))
        .filter((i) => q.repo === undefined || i.repo.toLowerCase() === q.repo)
        .filter((i) => q.type === undefined || i.is_pull_request === (q.type === 'pr'))
        .filter((i) => q.state === undefined || i.state === q.state)
        .filter((i) => q.author === undefined || i.authorLogin.toLowerCase() === q.author)
        .filter((i) => q.labels.every((l) => i.labels.some((own) => own.toLowerCase() === l)))
        .filter((i) => q.words.every((w) => `${i.title} ${i.body}`.toLowerCase().includes(w)))
        .map((i) => ({ repository: i.repo, number: i.number, title: i.title, state: i.state, user: i.authorLogin, labels: i.labels, is_pull_request: i.is_pull_request }));
      return jsonResult({ total_count: items.length, items: items.slice(0, per_page) });
    },
  );

  server.registerTool(
    'create_issue',
    {
      description: 'Open an issue in a repository.',
      inputSchema: z.strictObject({
        owner,
        repo: repoName,
        title: z.string().min(1).max(256),
        body: z.string().max(65_536).optional(),
        labels: z.array(z.string().min(1).max(50)).max(10).optional(),
      }),
      annotations: { readOnlyHint: false, destructiveHint: false },
    },
    ({ owner: ownerName, repo, title, body, labels }) => {
      const found = repository(ownerName, repo);
      requireScope(caller, found.private ? ['repo'] : ['public_repo', 'repo'], (needed) => `Resource not accessible by personal access token: creating issues needs the ${needed} scope`);
      const issue = workspace.addIssue(found, {
        title,
        body: body ?? '',
        state: 'open',
        authorLogin: workspace.loginOf(caller),
        labels: labels ?? [],
        createdAt: new Date().toISOString(),
      });
      return jsonResult({ number: issue.number, title: issue.title, state: issue.state, user: issue.authorLogin, html_url: `${baseUrl}/${found.fullName}/issues/${issue.number}` });
    },
  );

  server.registerTool(
    'get_file_contents',
    {
      description: 'Get a file, or list a directory, at a path of a repository.',
      inputSchema: z.strictObject({
        owner,
        repo: repoName,
        path: z.string().max(1024).regex(/^(?!\/)(?!.*\.\.)/, 'must be relative, without ..').default(''),
        ref: z.string().min(1).max(255).optional(),
      }),
      annotations: { readOnlyHint: true },
    },
    ({ owner: ownerName, repo, path, ref }) => {
      const found = repository(ownerName, repo);
      if (ref !== undefined && ref !== found.defaultBranch) throw new ToolFailure(`No commit found for the ref ${ref}`);
      const clean = path.replace(/\/+$/, '');
      const files = workspace.files(found);
      const file = files.find((f) => f.path === clean);
      if (file) return jsonResult({ type: 'file', path: file.path, size: Buffer.byteLength(file.content), encoding: 'utf-8', content: file.content });
      const prefix = clean === '' ? '' : `${clean}/`;
      const entries = new Map<string, 'file' | 'dir'>();
      for (const f of files.filter((f) => f.path.startsWith(prefix))) {
        const rest = f.path.slice(prefix.length);
        const [head = rest, ...tail] = rest.split('/');
        entries.set(head, tail.length > 0 ? 'dir' : 'file');
      }
      if (entries.size === 0) throw notFound(`path ${clean} in ${found.fullName}`);
      return jsonResult({ type: 'dir', path: clean, entries: [...entries].sort(([a], [b]) => a.localeCompare(b)).map(([name, type]) => ({ name, path: `${prefix}${name}`, type })) });
    },
  );

  server.registerTool(
    'list_pull_requests',
    {
      description: 'List pull requests of a repository.',
      inputSchema: z.strictObject({ owner, repo: repoName, state: z.enum(['open', 'closed', 'all']).default('open'), per_page: perPage }),
      annotations: { readOnlyHint: true },
    },
    ({ owner: ownerName, repo, state, per_page }) => {
      const found = repository(ownerName, repo);
      const pulls = workspace.fixture.pullRequests
        .filter((p) => p.repo === found.fullName && (state === 'all' || p.state === state))
        .map((p) => ({ number: p.number, title: p.title, state: p.state, merged: p.merged, user: p.authorLogin, head: p.head, base: p.base, created_at: p.createdAt }));
      return jsonResult(pulls.slice(0, per_page));
    },
  );
}
