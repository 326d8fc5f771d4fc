/**
 * GitHub's MCP features beyond tools: repository contents as resources (template, list, text and
 * binary reads, visibility), subscriptions with `notifications/resources/updated` when a tool
 * writes the file, the summarize_pull_request prompt, and run_workflow's progress notifications.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ResourceUpdatedNotificationSchema, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectAs } from './support/connectAs.ts';
import { useMockUpstreams } from './support/harness.ts';
import { callOk } from './support/mcpSession.ts';

const mocks = useMockUpstreams();
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function as(index: number): Promise<Client> {
  const client = await connectAs(mocks.current, 'github', index);
  clients.push(client);
  return client;
}

const fixture = () => mocks.current.fixtures.github;
const gateway = () => fixture().repositories.find((r) => r.fullName === 'acme-corp/gateway-service')!;
const privateRepoOf = (index: number) => fixture().repositories.find((r) => r.owner === fixture().accounts[index]!.login && r.private)!;

describe('repository contents as resources', () => {
  it('declares resources with subscriptions and offers the repo:// contents template', async () => {
    const client = await as(0);
    expect(client.getServerCapabilities()?.resources).toEqual({ subscribe: true, listChanged: false });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).toEqual([expect.objectContaining({ name: 'repository_content', uriTemplate: 'repo://{owner}/{repo}/contents/{+path}' })]);
  });

  it('lists the seeded files of the caller’s repositories, text and binary', async () => {
    const { resources } = await (await as(0)).listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('repo://acme-corp/gateway-service/contents/README.md');
    expect(uris).toContain(`repo://${privateRepoOf(0).fullName}/contents/README.md`);
    expect(resources.find((r) => r.uri === 'repo://acme-corp/gateway-service/contents/.github/avatar.png')?.mimeType).toBe('image/png');
  });

  it('reads a text file and the binary avatar (a PNG, same bytes every run)', async () => {
    const client = await as(0);
    const readme = await client.readResource({ uri: 'repo://acme-corp/gateway-service/contents/README.md' });
    expect(readme.contents).toEqual([{ uri: 'repo://acme-corp/gateway-service/contents/README.md', mimeType: 'text/markdown', text: gateway().files.find((f) => f.path === 'README.md')!.content }]);
    const avatar = (await client.readResource({ uri: 'repo://acme-corp/gateway-service/contents/.github/avatar.png' })).contents[0] as { blob: string; mimeType: string };
    expect(avatar.mimeType).toBe('image/png');
    const bytes = Buffer.from(avatar.blob, 'base64');
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    const again = (await client.readResource({ uri: 'repo://acme-corp/gateway-service/contents/.github/avatar.png' })).contents[0] as { blob: string };
    expect(again.blob).toBe(avatar.blob);
  });

  it('answers -32002 for a missing file and for another account’s private repository', async () => {
    const hidden = privateRepoOf(0);
    await expect((await as(0)).readResource({ uri: 'repo://acme-corp/gateway-service/contents/nope.txt' })).rejects.toMatchObject({ code: -32002 });
    await expect((await as(2)).readResource({ uri: `repo://${hidden.fullName}/contents/README.md` })).rejects.toMatchObject({ code: -32002 });
  });

  it('notifies a subscriber when create_or_update_file changes the file, and not after unsubscribe', async () => {
    const client = await as(0);
    const updated: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updated.push(n.params.uri));
    const uri = 'repo://acme-corp/gateway-service/contents/README.md';
    await client.subscribeResource({ uri });
    const args = { owner: 'acme-corp', repo: 'gateway-service', path: 'README.md', content: '# gateway-service\n\nRewritten.\n', message: 'docs: rewrite README' };
    await callOk(client, 'create_or_update_file', args);
    expect(updated).toEqual([uri]);
    expect((await client.readResource({ uri })).contents[0]).toMatchObject({ text: args.content });
    await callOk(client, 'create_or_update_file', { ...args, path: 'docs/other.md' });
    expect(updated).toEqual([uri]);
    await client.unsubscribeResource({ uri });
    await callOk(client, 'create_or_update_file', { ...args, content: 'again' });
    expect(updated).toEqual([uri]);
  });
});

describe('summarize_pull_request prompt', () => {
  it('is listed with its arguments and renders the seeded pull request', async () => {
    const client = await as(0);
    const { prompts } = await client.listPrompts();
    expect(prompts.find((p) => p.name === 'summarize_pull_request')?.arguments?.map((a) => a.name)).toEqual(['owner', 'repo', 'pr_number']);
    const pull = fixture().pullRequests.find((p) => p.repo === 'acme-corp/gateway-service')!;
    const got = await client.getPrompt({ name: 'summarize_pull_request', arguments: { owner: 'acme-corp', repo: 'gateway-service', pr_number: String(pull.number) } });
    const text = (got.messages[0]!.content as { text: string }).text;
    expect(text).toContain(pull.title);
    expect(text).toContain(`${pull.head} → ${pull.base}`);
    await expect(client.getPrompt({ name: 'summarize_pull_request', arguments: { owner: 'acme-corp', repo: 'gateway-service', pr_number: '99999' } })).rejects.toThrow(/Not Found/);
  });
});

describe('run_workflow progress', () => {
  it('sends one notifications/progress per step for the caller’s progressToken', async () => {
    const client = await as(0);
    const steps: Progress[] = [];
    const result = await client.callTool({ name: 'run_workflow', arguments: { owner: 'acme-corp', repo: 'gateway-service', workflow_id: 'ci.yml' } }, undefined, { onprogress: (p) => void steps.push(p) });
    expect(result.isError).toBeFalsy();
    expect(steps.map((s) => [s.progress, s.total])).toEqual([[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    expect(steps.map((s) => s.message)).toEqual(['Queued', 'Set up job', 'Run actions/checkout@v4', 'Build', 'Test']);
    const run = JSON.parse((result.content as { text: string }[])[0]!.text) as { conclusion: string; run_number: number };
    expect(run).toMatchObject({ conclusion: 'success', run_number: 1 });
  });

  it('runs without progress when no token was given, and refuses an unknown workflow', async () => {
    const client = await as(0);
    expect(await callOk(client, 'run_workflow', { owner: 'acme-corp', repo: 'gateway-service', workflow_id: 'ci.yml' })).toMatchObject({ status: 'completed' });
    const refused = await client.callTool({ name: 'run_workflow', arguments: { owner: 'acme-corp', repo: 'gateway-service', workflow_id: 'deploy.yml' } });
    expect(refused.isError).toBe(true);
  });
});
