/**
 * Atlassian MCP tools over the seeded site: every tool's happy path and a bad-argument call, JQL
 * subset and its errors, writes seen by later reads, restricted project/space visibility per
 * account, and scope enforcement.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectAs } from './support/connectAs.ts';
import { TEST_REDIRECT_URI, useMockUpstreams } from './support/harness.ts';
import { callOk, callTool, connectMcp } from './support/mcpSession.ts';
import { walkConsent } from './support/browserlessConsent.ts';
import { authorizationUrl, pkcePair, redeemCode, tokensOf } from './support/vendorOAuth.ts';

const mocks = useMockUpstreams();
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function as(index: number): Promise<Client> {
  const client = await connectAs(mocks.current, 'atlassian', index);
  clients.push(client);
  return client;
}

interface SearchResult {
  total: number;
  issues: { key: string; summary: string; status: string; assignee: { accountId: string } | null }[];
}

const fixture = () => mocks.current.fixtures.atlassian;

describe('jira_search_issues (JQL subset)', () => {
  it('project = ENG ORDER BY key ASC lists the project’s seeded issues in key order', async () => {
    const result = await callOk<SearchResult>(await as(0), 'jira_search_issues', { jql: 'project = ENG ORDER BY key ASC' });
    const expected = fixture().issues.filter((i) => i.projectKey === 'ENG').map((i) => i.key);
    expect(result.issues.map((i) => i.key)).toEqual(expected);
    expect(result.total).toBe(expected.length);
  });

  it('combines status, assignee = currentUser() and IN with AND', async () => {
    const me = fixture().accounts[0]!.id;
    const result = await callOk<SearchResult>(await as(0), 'jira_search_issues', {
      jql: 'project in (ENG, OPS) AND assignee = currentUser() AND status != "Done"',
    });
    const expected = fixture().issues.filter((i) => ['ENG', 'OPS'].includes(i.projectKey) && i.assigneeAccountId === me && i.status !== 'Done');
    expect(result.issues.map((i) => i.key).sort()).toEqual(expected.map((i) => i.key).sort());
    expect(result.issues.every((i) => i.assignee?.accountId === me)).toBe(true);
  });

  it('text ~ finds an issue by a word of its summary; assignee IS EMPTY finds unassigned issues', async () => {
    const target = fixture().issues.find((i) => i.projectKey === 'OPS')!;
    const word = target.summary.split(/[^A-Za-z]+/).find((w) => w.length > 5)!;
    const found = await callOk<SearchResult>(await as(0), 'jira_search_issues', { jql: `text ~ "${word}"` });
    expect(found.issues.map((i) => i.key)).toContain(target.key);
    const unassigned = await callOk<SearchResult>(await as(0), 'jira_search_issues', { jql: 'assignee is EMPTY' });
    expect(unassigned.total).toBe(fixture().issues.filter((i) => i.assigneeAccountId === null).length);
  });

  it('JQL errors come back as tool errors in Jira’s words', async () => {
    const client = await as(0);
    const or = await callTool(client, 'jira_search_issues', { jql: 'project = ENG OR status = Done' });
    expect(or).toMatchObject({ isError: true, text: 'Error in the JQL Query: OR is not supported by this server; combine clauses with AND' });
    const field = await callTool(client, 'jira_search_issues', { jql: 'colour = red' });
    expect(field.text).toBe("Error in the JQL Query: Field 'colour' does not exist or you do not have permission to view it.");
    const quote = await callTool(client, 'jira_search_issues', { jql: 'summary ~ "open' });
    expect(quote.text).toContain('is not closed');
  });

  it('a bad argument is an input validation error', async () => {
    const answer = await callTool(await as(0), 'jira_search_issues', { jql: 'project = ENG', maxResults: 500 });
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('Input validation error');
    expect(answer.text).toContain('maxResults');
  });
});

describe('jira_get_issue', () => {
  it('returns the seeded issue with its comments', async () => {
    const seeded = fixture().issues[0]!;
    const issue = await callOk<Record<string, unknown>>(await as(0), 'jira_get_issue', { issueKey: seeded.key });
    expect(issue).toMatchObject({ key: seeded.key, summary: seeded.summary, description: seeded.description, status: seeded.status });
    expect((issue.comments as unknown[]).length).toBe(seeded.comments.length);
  });

  it('a malformed key or an unknown argument is refused', async () => {
    const client = await as(0);
    expect((await callTool(client, 'jira_get_issue', { issueKey: 'ENG_1' })).text).toContain('must be an issue key');
    const extra = await callTool(client, 'jira_get_issue', { issueKey: 'ENG-1', expand: 'all' });
    expect(extra.isError).toBe(true);
    expect(extra.text).toContain('expand');
  });
});

describe('jira_create_issue and jira_add_comment (writes are seen by later reads)', () => {
  it('creates ENG-7, which get and search then return', async () => {
    const client = await as(1);
    const created = await callOk<{ key: string }>(client, 'jira_create_issue', { projectKey: 'ENG', summary: 'Rotate the signing keys', issueType: 'Bug', description: 'Before Friday' });
    expect(created.key).toBe('ENG-7');
    const issue = await callOk<Record<string, unknown>>(client, 'jira_get_issue', { issueKey: 'ENG-7' });
    expect(issue).toMatchObject({ summary: 'Rotate the signing keys', issueType: 'Bug', status: 'To Do', reporter: { accountId: fixture().accounts[1]!.id } });
    const search = await callOk<SearchResult>(client, 'jira_search_issues', { jql: 'project = ENG AND text ~ "signing keys"' });
    expect(search.issues.map((i) => i.key)).toEqual(['ENG-7']);
  });

  it('adds a comment that jira_get_issue then shows', async () => {
    const client = await as(0);
    const key = fixture().issues[1]!.key;
    const comment = await callOk<{ id: string; issueKey: string }>(client, 'jira_add_comment', { issueKey: key, body: 'Deployed to staging.' });
    expect(comment.issueKey).toBe(key);
    const issue = await callOk<{ comments: { id: string; body: string }[] }>(client, 'jira_get_issue', { issueKey: key });
    expect(issue.comments.at(-1)).toMatchObject({ id: comment.id, body: 'Deployed to staging.' });
  });

  it('a reset restores the seeded data', async () => {
    await callOk(await as(0), 'jira_create_issue', { projectKey: 'OPS', summary: 'Temporary' });
    mocks.current.reset();
    const after = await callOk<SearchResult>(await as(0), 'jira_search_issues', { jql: 'project = OPS' });
    expect(after.total).toBe(fixture().issues.filter((i) => i.projectKey === 'OPS').length);
  });

  it('bad arguments are refused', async () => {
    const client = await as(0);
    const noSummary = await callTool(client, 'jira_create_issue', { projectKey: 'ENG' });
    expect(noSummary).toMatchObject({ isError: true });
    expect(noSummary.text).toContain('summary');
    expect((await callTool(client, 'jira_create_issue', { projectKey: 'ENG', summary: 'x', issueType: 'Epic' })).text).toContain('issueType');
    expect((await callTool(client, 'jira_create_issue', { projectKey: 'NOPE', summary: 'x' })).text).toContain('Specify a valid project ID or key');
    expect((await callTool(client, 'jira_add_comment', { issueKey: 'ENG-1', body: '' })).text).toContain('body');
    expect((await callTool(client, 'jira_add_comment', { issueKey: 'ENG-999', body: 'hi' })).text).toBe('Issue does not exist or you do not have permission to see it.');
  });
});

describe('confluence_search and confluence_get_page', () => {
  it('finds a page by a word of its title and returns its body', async () => {
    const page = fixture().pages.find((p) => p.spaceKey === 'TEAM')!;
    const word = page.title.split(' ')[0]!;
    const client = await as(1);
    const search = await callOk<{ results: { id: string }[] }>(client, 'confluence_search', { query: word, spaceKey: 'TEAM' });
    expect(search.results.map((r) => r.id)).toContain(page.id);
    const got = await callOk<Record<string, unknown>>(client, 'confluence_get_page', { pageId: page.id });
    expect(got).toMatchObject({ id: page.id, title: page.title, body: page.body, spaceKey: 'TEAM', version: page.version });
  });

  it('bad arguments are refused', async () => {
    const client = await as(0);
    expect((await callTool(client, 'confluence_search', { query: '' })).isError).toBe(true);
    expect((await callTool(client, 'confluence_get_page', { pageId: 'home' })).text).toContain('must be a numeric page id');
    expect((await callTool(client, 'confluence_get_page', { pageId: '1' })).text).toContain('does not exist');
  });
});

describe('per-account visibility (restricted project SEC, restricted space HR)', () => {
  it('the first account sees SEC and HR; the second sees neither, as if they did not exist', async () => {
    const owner = await as(0);
    const other = await as(1);
    const secIssue = fixture().issues.find((i) => i.projectKey === 'SEC')!;
    const hrPage = fixture().pages.find((p) => p.spaceKey === 'HR')!;

    expect((await callOk<SearchResult>(owner, 'jira_search_issues', { jql: 'project = SEC' })).total).toBe(6);
    expect((await callOk(owner, 'jira_get_issue', { issueKey: secIssue.key })).key).toBe(secIssue.key);
    expect((await callOk(owner, 'confluence_get_page', { pageId: hrPage.id })).id).toBe(hrPage.id);

    expect((await callTool(other, 'jira_search_issues', { jql: 'project = SEC' })).text).toBe("Error in the JQL Query: The value 'SEC' does not exist for the field 'project'.");
    expect((await callTool(other, 'jira_get_issue', { issueKey: secIssue.key })).text).toBe('Issue does not exist or you do not have permission to see it.');
    expect((await callTool(other, 'confluence_get_page', { pageId: hrPage.id })).isError).toBe(true);
    const all = await callOk<SearchResult>(other, 'jira_search_issues', { jql: 'ORDER BY key', maxResults: 100 });
    expect(all.issues.some((i) => i.key.startsWith('SEC-'))).toBe(false);
    expect(all.total).toBe(12);
    const pages = await callOk<{ results: { spaceKey: string }[] }>(other, 'confluence_search', { query: 'a', limit: 50 });
    expect(pages.results.every((p) => p.spaceKey !== 'HR')).toBe(true);
    expect((await callTool(other, 'jira_create_issue', { projectKey: 'SEC', summary: 'x' })).isError).toBe(true);
  });
});

describe('scopes', () => {
  it('an OAuth token with only read:jira-work can search but not create, search Confluence or read pages', async () => {
    const v = mocks.current.vendors.atlassian;
    const { verifier, challenge } = pkcePair();
    const callback = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 's', challenge, scopes: ['read:jira-work'] }), fixture().accounts[0]!, 'allow');
    const { accessToken } = tokensOf(v, await redeemCode(v, callback.searchParams.get('code')!, TEST_REDIRECT_URI, verifier));
    const client = await connectMcp(v.mcpUrl, `Bearer ${accessToken}`);
    clients.push(client);
    expect((await callTool(client, 'jira_search_issues', { jql: 'project = ENG' })).isError).toBe(false);
    const create = await callTool(client, 'jira_create_issue', { projectKey: 'ENG', summary: 'x' });
    expect(create).toMatchObject({ isError: true, text: 'Unauthorized; scope does not match (needs write:jira-work)' });
    expect((await callTool(client, 'confluence_search', { query: 'a' })).text).toContain('search:confluence');
    expect((await callTool(client, 'confluence_get_page', { pageId: fixture().pages[0]!.id })).text).toContain('read:confluence-content.all');
  });
});
