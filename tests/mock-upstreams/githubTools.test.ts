/**
 * GitHub MCP tools over the seeded organisation and user repositories: every tool's happy path and a
 * bad-argument call, search qualifiers, writes seen by later reads, private-repository visibility per
 * account and per token scope.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { apiKeyFor } from '../../fixtures/vendors/index.ts';
import { connectAs } from './support/connectAs.ts';
import { useMockUpstreams } from './support/harness.ts';
import { callOk, callTool } from './support/mcpSession.ts';

const mocks = useMockUpstreams();
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function as(who: number | 'missing-scope'): Promise<Client> {
  const key = who === 'missing-scope' ? apiKeyFor(mocks.current.fixtures.github, 'missing-scope') : who;
  const client = await connectAs(mocks.current, 'github', key);
  clients.push(client);
  return client;
}

const fixture = () => mocks.current.fixtures.github;
const login = (index: number) => fixture().accounts[index]!.login;
const privateRepoOf = (index: number) => fixture().repositories.find((r) => r.owner === login(index) && r.private)!;

interface Repo {
  full_name: string;
  private: boolean;
}

describe('list_repositories and get_repository', () => {
  it('lists the caller’s own repositories and the organisation’s, public and private', async () => {
    const repos = await callOk<Repo[]>(await as(0), 'list_repositories', {});
    expect(repos.map((r) => r.full_name).sort()).toEqual(
      fixture().repositories.filter((r) => r.owner === login(0) || r.owner === 'acme-corp').map((r) => r.fullName).sort(),
    );
    const privateOnly = await callOk<Repo[]>(await as(0), 'list_repositories', { visibility: 'private' });
    expect(privateOnly.length).toBeGreaterThan(0);
    expect(privateOnly.every((r) => r.private)).toBe(true);
  });

  it('get_repository returns a seeded repository', async () => {
    const repo = privateRepoOf(0);
    const got = await callOk<Record<string, unknown>>(await as(0), 'get_repository', { owner: repo.owner, repo: repo.name });
    expect(got).toMatchObject({ full_name: repo.fullName, private: true, description: repo.description, default_branch: 'main', visibility: 'private' });
  });

  it('bad arguments are refused', async () => {
    const client = await as(0);
    expect((await callTool(client, 'list_repositories', { per_page: 0 })).text).toContain('per_page');
    expect((await callTool(client, 'list_repositories', { sort: 'stars' })).isError).toBe(true);
    expect((await callTool(client, 'get_repository', { owner: 'bad owner!', repo: 'x' })).text).toContain('must be a GitHub user or organisation login');
    expect((await callTool(client, 'get_repository', { owner: 'acme-corp' })).text).toContain('repo');
  });
});

describe('per-account visibility of private repositories', () => {
  it('another account neither lists nor reads someone’s private repository', async () => {
    const repo = privateRepoOf(0);
    const other = await as(2);
    const listed = await callOk<Repo[]>(other, 'list_repositories', { owner: login(0) });
    expect(listed.map((r) => r.full_name)).not.toContain(repo.fullName);
    expect(listed.length).toBe(1);
    const read = await callTool(other, 'get_repository', { owner: repo.owner, repo: repo.name });
    expect(read).toMatchObject({ isError: true });
    expect(read.text).toContain('Not Found');
    expect((await callTool(other, 'get_file_contents', { owner: repo.owner, repo: repo.name, path: 'README.md' })).isError).toBe(true);
    expect((await callTool(other, 'list_pull_requests', { owner: repo.owner, repo: repo.name })).isError).toBe(true);
    const search = await callOk<{ items: { repository: string }[] }>(other, 'search_issues', { query: `repo:${repo.fullName}` });
    expect(search.items).toEqual([]);
  });

  it('organisation members read the private org repository; outsiders do not', async () => {
    expect((await callOk(await as(1), 'get_repository', { owner: 'acme-corp', repo: 'gateway-service' })).full_name).toBe('acme-corp/gateway-service');
    expect((await callTool(await as(2), 'get_repository', { owner: 'acme-corp', repo: 'gateway-service' })).isError).toBe(true);
  });

  it('a PAT without repo sees only public repositories, even its owner’s', async () => {
    const limited = apiKeyFor(fixture(), 'missing-scope');
    const ownerIndex = fixture().accounts.findIndex((a) => a.id === limited.accountId);
    const client = await as('missing-scope');
    const repos = await callOk<Repo[]>(client, 'list_repositories', {});
    expect(repos.length).toBeGreaterThan(0);
    expect(repos.every((r) => !r.private)).toBe(true);
    const own = privateRepoOf(ownerIndex);
    expect((await callTool(client, 'get_repository', { owner: own.owner, repo: own.name })).text).toContain('Not Found');
  });
});

describe('search_issues', () => {
  it('filters by repo, type, state, author, label and words', async () => {
    const docs = fixture().issues.filter((i) => i.repo === 'acme-corp/docs');
    const open = await callOk<{ total_count: number; items: { number: number; is_pull_request: boolean }[] }>(await as(0), 'search_issues', {
      query: 'repo:acme-corp/docs is:issue is:open',
    });
    expect(open.items.map((i) => i.number).sort()).toEqual(docs.filter((i) => i.state === 'open').map((i) => i.number).sort());
    expect(open.items.every((i) => !i.is_pull_request)).toBe(true);
    const prs = await callOk<{ items: { is_pull_request: boolean }[] }>(await as(0), 'search_issues', { query: 'repo:acme-corp/docs is:pr' });
    expect(prs.items.length).toBe(fixture().pullRequests.filter((p) => p.repo === 'acme-corp/docs').length);
    expect(prs.items.every((i) => i.is_pull_request)).toBe(true);
    const target = docs[0]!;
    const word = target.title.split(' ').find((w) => w.length > 4)!;
    const byWord = await callOk<{ items: { number: number }[] }>(await as(0), 'search_issues', { query: `repo:acme-corp/docs author:${target.authorLogin} ${word}` });
    expect(byWord.items.map((i) => i.number)).toContain(target.number);
  });

  it('an unsupported qualifier or a bad argument is refused', async () => {
    const client = await as(0);
    expect((await callTool(client, 'search_issues', { query: 'milestone:v1' })).text).toContain('the search qualifier "milestone:" is not supported');
    expect((await callTool(client, 'search_issues', { query: '' })).text).toContain('query');
  });
});

describe('create_issue (writes are seen by later reads)', () => {
  it('opens the next number, which search then finds', async () => {
    const client = await as(1);
    const numbers = [...fixture().issues, ...fixture().pullRequests].filter((i) => i.repo === 'acme-corp/docs').map((i) => i.number);
    const created = await callOk<{ number: number; state: string; user: string }>(client, 'create_issue', {
      owner: 'acme-corp',
      repo: 'docs',
      title: 'Document the gateway callback',
      body: 'Which redirect URI?',
      labels: ['documentation'],
    });
    expect(created).toMatchObject({ number: Math.max(...numbers) + 1, state: 'open', user: login(1) });
    const found = await callOk<{ items: { number: number; title: string }[] }>(await as(0), 'search_issues', { query: 'repo:acme-corp/docs label:documentation callback' });
    expect(found.items).toEqual([expect.objectContaining({ number: created.number, title: 'Document the gateway callback' })]);
  });

  it('bad arguments, unknown repositories and other people’s private repositories are refused', async () => {
    const client = await as(2);
    expect((await callTool(client, 'create_issue', { owner: 'acme-corp', repo: 'docs', title: '' })).text).toContain('title');
    expect((await callTool(client, 'create_issue', { owner: 'acme-corp', repo: 'docs', title: 'x', labels: 'bug' })).text).toContain('labels');
    const secret = privateRepoOf(0);
    expect((await callTool(client, 'create_issue', { owner: secret.owner, repo: secret.name, title: 'x' })).text).toContain('Not Found');
  });
});

describe('get_file_contents', () => {
  it('returns a file and lists directories', async () => {
    const repo = fixture().repositories[0]!;
    const client = await as(0);
    const readme = await callOk<{ type: string; content: string }>(client, 'get_file_contents', { owner: repo.owner, repo: repo.name, path: 'README.md' });
    expect(readme).toMatchObject({ type: 'file', content: repo.files.find((f) => f.path === 'README.md')!.content });
    const root = await callOk<{ type: string; entries: { name: string; type: string }[] }>(client, 'get_file_contents', { owner: repo.owner, repo: repo.name });
    expect(root.type).toBe('dir');
    expect(root.entries.map((e) => e.name)).toContain('README.md');
  });

  it('bad paths, refs and missing files are refused', async () => {
    const repo = fixture().repositories[0]!;
    const client = await as(0);
    expect((await callTool(client, 'get_file_contents', { owner: repo.owner, repo: repo.name, path: '../etc/passwd' })).text).toContain('must be relative');
    expect((await callTool(client, 'get_file_contents', { owner: repo.owner, repo: repo.name, path: 'nope.txt' })).text).toContain('Not Found');
    expect((await callTool(client, 'get_file_contents', { owner: repo.owner, repo: repo.name, ref: 'develop' })).text).toBe('No commit found for the ref develop');
  });
});

describe('list_pull_requests', () => {
  it('lists open, closed or all pull requests of a repository', async () => {
    const repo = fixture().repositories[0]!;
    const all = fixture().pullRequests.filter((p) => p.repo === repo.fullName);
    const client = await as(0);
    const listed = await callOk<{ number: number; state: string }[]>(client, 'list_pull_requests', { owner: repo.owner, repo: repo.name, state: 'all' });
    expect(listed.map((p) => p.number)).toEqual(all.map((p) => p.number));
    const open = await callOk<{ state: string }[]>(client, 'list_pull_requests', { owner: repo.owner, repo: repo.name });
    expect(open.length).toBe(all.filter((p) => p.state === 'open').length);
  });

  it('a bad state is refused', async () => {
    expect((await callTool(await as(0), 'list_pull_requests', { owner: 'acme-corp', repo: 'docs', state: 'merged' })).text).toContain('state');
  });
});
