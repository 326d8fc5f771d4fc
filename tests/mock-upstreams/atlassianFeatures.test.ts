/**
 * Atlassian's MCP features beyond tools: Confluence pages as text/markdown resources with a page-id
 * template, the draft_status_update prompt and its project_key completion, the jira_issue_card
 * widget (tool _meta → ui:// resource of the MCP Apps mime type) and summarize_issue's sampling:
 * answered, refused by the client, and a clear tool error for a client without the capability.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema, McpError, type CreateMessageRequest } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectCapable } from './support/capableClient.ts';
import { connectAs } from './support/connectAs.ts';
import { useMockUpstreams } from './support/harness.ts';
import { callOk, callTool } from './support/mcpSession.ts';

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

const fixture = () => mocks.current.fixtures.atlassian;
const pageUri = (id: string) => `confluence://${fixture().site.cloudId}/pages/${id}`;
const restrictedSpace = () => fixture().spaces.find((s) => s.restrictedTo !== null)!;
const engIssue = () => fixture().issues.find((i) => i.projectKey === 'ENG')!;

describe('Confluence pages as resources', () => {
  it('offers the page template and lists the pages the account may see', async () => {
    const client = await as(1);
    expect(client.getServerCapabilities()?.resources).toEqual({ subscribe: false, listChanged: false });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain(`confluence://${fixture().site.cloudId}/pages/{pageId}`);
    const { resources } = await client.listResources();
    const pages = resources.filter((r) => r.uri.startsWith('confluence://'));
    expect(pages.map((r) => r.uri).sort()).toEqual(fixture().pages.filter((p) => p.spaceKey !== restrictedSpace().key).map((p) => pageUri(p.id)).sort());
    expect(pages.every((r) => r.mimeType === 'text/markdown')).toBe(true);
  });

  it('reads a page as Markdown; a restricted space’s page is not found for an outsider', async () => {
    const page = fixture().pages[0]!;
    const read = await (await as(0)).readResource({ uri: pageUri(page.id) });
    expect(read.contents).toEqual([{ uri: pageUri(page.id), mimeType: 'text/markdown', text: `# ${page.title}\n\n${page.body}\n` }]);
    const hidden = fixture().pages.find((p) => p.spaceKey === restrictedSpace().key)!;
    await expect((await as(1)).readResource({ uri: pageUri(hidden.id) })).rejects.toMatchObject({ code: -32002 });
    expect((await (await as(0)).readResource({ uri: pageUri(hidden.id) })).contents).toHaveLength(1);
  });
});

describe('draft_status_update prompt', () => {
  it('renders the project’s issues by status', async () => {
    const client = await as(0);
    const { prompts } = await client.listPrompts();
    expect(prompts.find((p) => p.name === 'draft_status_update')?.arguments).toEqual([expect.objectContaining({ name: 'project_key', required: true })]);
    const got = await client.getPrompt({ name: 'draft_status_update', arguments: { project_key: 'ENG' } });
    const text = (got.messages[0]!.content as { text: string }).text;
    expect(text).toContain('Engineering (ENG)');
    for (const issue of fixture().issues.filter((i) => i.projectKey === 'ENG')) expect(text).toContain(`${issue.key} ${issue.summary}`);
    await expect(client.getPrompt({ name: 'draft_status_update', arguments: { project_key: 'NOPE' } })).rejects.toThrow(/No project could be found/);
  });

  it('completes project_key with the projects this account may browse', async () => {
    const ref = { type: 'ref/prompt' as const, name: 'draft_status_update' };
    const owner = await (await as(0)).complete({ ref, argument: { name: 'project_key', value: '' } });
    expect(owner.completion.values).toEqual(['ENG', 'OPS', 'SEC']);
    const outsider = await (await as(1)).complete({ ref, argument: { name: 'project_key', value: 's' } });
    expect(outsider.completion.values).toEqual([]);
    expect((await (await as(1)).complete({ ref, argument: { name: 'project_key', value: 'o' } })).completion.values).toEqual(['OPS']);
  });
});

describe('jira_issue_card widget', () => {
  it('points its tool _meta at a ui:// resource served as an MCP App', async () => {
    const client = await as(0);
    const { tools } = await client.listTools();
    const card = tools.find((t) => t.name === 'jira_issue_card')!;
    expect(card._meta).toEqual({ ui: { resourceUri: 'ui://jira/issue-card.html' }, 'ui/resourceUri': 'ui://jira/issue-card.html', 'openai/outputTemplate': 'ui://jira/issue-card.html' });
    const { resources } = await client.listResources();
    expect(resources.find((r) => r.uri === 'ui://jira/issue-card.html')?.mimeType).toBe('text/html;profile=mcp-app');
    const html = (await client.readResource({ uri: 'ui://jira/issue-card.html' })).contents[0] as { mimeType: string; text: string };
    expect(html.mimeType).toBe('text/html;profile=mcp-app');
    expect(html.text).toMatch(/^<!doctype html>/);
    expect(html.text).toContain('ui/notifications/tool-result');
    expect(html.text).not.toMatch(/<script[^>]+src=|https?:\/\//);
  });

  it('returns the card as structuredContent', async () => {
    const issue = engIssue();
    const result = await (await as(0)).callTool({ name: 'jira_issue_card', arguments: { issueKey: issue.key } });
    expect(result.structuredContent).toMatchObject({ key: issue.key, summary: issue.summary, status: issue.status, priority: issue.priority });
  });
});

describe('summarize_issue sampling', () => {
  it('asks the client’s model and returns its summary', async () => {
    const asked: CreateMessageRequest['params'][] = [];
    const client = await connectCapable(mocks.current, 'atlassian', { sampling: {} }, (c) =>
      c.setRequestHandler(CreateMessageRequestSchema, (request) => {
        asked.push(request.params);
        return { model: 'test-model-1', role: 'assistant', content: { type: 'text', text: 'A short summary.' } };
      }),
    );
    clients.push(client);
    const issue = engIssue();
    expect(await callOk(client, 'summarize_issue', { issueKey: issue.key })).toEqual({ issueKey: issue.key, summary: 'A short summary.', model: 'test-model-1' });
    expect(asked).toHaveLength(1);
    expect((asked[0]!.messages[0]!.content as { text: string }).text).toContain(issue.summary);
    expect(asked[0]!.maxTokens).toBe(300);
  });

  it('reports the client’s refusal as a tool error', async () => {
    const client = await connectCapable(mocks.current, 'atlassian', { sampling: {} }, (c) =>
      c.setRequestHandler(CreateMessageRequestSchema, () => {
        throw new McpError(-1, 'User rejected sampling request');
      }),
    );
    clients.push(client);
    const answer = await callTool(client, 'summarize_issue', { issueKey: engIssue().key });
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('User rejected sampling request');
  });

  it('fails clearly when the client did not declare sampling', async () => {
    const answer = await callTool(await as(0), 'summarize_issue', { issueKey: engIssue().key });
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('did not declare the sampling capability');
  });
});
