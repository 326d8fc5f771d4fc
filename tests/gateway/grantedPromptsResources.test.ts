/**
 * Issue 13, item 1 (the consent side): the "Authorize Tool Access" page lists, per connected
 * connector, its prompts, resources and resource templates next to its tools, all ticked; what the
 * user unticks is stored with the grant and is then neither listed (prompts/list, resources/list,
 * resources/templates/list) nor usable (prompts/get, completion/complete, resources/read,
 * resources/subscribe) — the tests try, and the upstream is not asked. A widget a granted tool names
 * stays readable (documented in resourceCatalog.ts); once its tool is unticked too it is not. A grant
 * stored before this change (migration 4) still means all prompts and resources.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../gateway/store/migrations.ts';
import { openSqliteStore, SQLITE_FILE } from '../../gateway/store/sqlite/openSqliteStore.ts';
import { ConsentSession, formFields } from '../support/consentDriver.ts';
import { saveValidKeys } from '../support/validKeys.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, type ConnectedClient } from '../support/mcpClient.ts';
import { portalSession } from '../support/portalDriver.ts';

const README = 'repo://acme-corp/gateway-service/contents/README.md';
const GITHUB_TEMPLATE = 'repo://{owner}/{repo}/contents/{+path}';
const WIDGET = 'ui://jira/issue-card.html';
const gatewayUri = (prefix: string, uri: string) => uri.replace('://', `://${prefix}__`);

/**
 * Makes `session` leave these items unticked whenever it submits the page (the driver unticks
 * connectors and tools; prompts and resources are boxes named `<kind>:<connector>` the same way).
 */
function untickItems(session: ConsentSession, items: Record<string, readonly string[]>): void {
  session.submit = async (action, changes = {}) => {
    let fields = formFields(await session.page());
    for (const [name, values] of Object.entries({ ...items, ...Object.fromEntries(Object.entries(changes.untickTools ?? {}).map(([c, t]) => [`tools:${c}`, t])) })) {
      fields = fields.filter((field) => !(field.name === name && values.includes(field.value)));
    }
    for (const id of changes.untick ?? []) fields = fields.filter((field) => !(field.name === 'connectors' && field.value === id));
    for (const id of changes.tick ?? []) if (!fields.some((field) => field.name === 'connectors' && field.value === id)) fields.push({ name: 'connectors', value: id });
    const body = new URLSearchParams(fields.map((field) => [field.name, field.value]));
    body.set('action', action);
    return session.jar.fetch(`${session.issuer}/interaction/${session.uid}/consent`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  };
}

/** The `value`s of the checkboxes named `name` on the page, and which of them are ticked. */
function boxes(html: string, name: string): { all: string[]; ticked: string[] } {
  const tags = [...html.matchAll(/<input type="checkbox"[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes(`name="${name}"`));
  const value = (tag: string) => /value="([^"]*)"/.exec(tag)![1]!.replaceAll('&#39;', "'").replaceAll('&amp;', '&');
  return { all: tags.map(value), ticked: tags.filter((tag) => /\bchecked\b/.test(tag)).map(value) };
}

let stack: GatewayStack;
let mcp: ConnectedClient;
let consentHtml = '';
let secondFile = '';
let tickedFile = '';
let clientId = '';
const githubCalls = () => stack.mocks.vendors.github.control.recording({ area: 'mcp' }).length;
/** Requests that would use a resource or prompt at GitHub (a list refresh is not one). */
const githubUses = () => stack.mocks.vendors.github.control.recording({ area: 'mcp' }).filter((r) => r.rpcMethod && !r.rpcMethod.endsWith('/list')).map((r) => r.rpcMethod);

beforeAll(async () => {
  stack = await startGatewayStack();
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
  clientId = session.clientId;
  consentHtml = await saveValidKeys(session, stack.mocks.fixtures, ['github', 'slack', 'atlassian']);
  const files = boxes(consentHtml, 'resources:github').all.filter((uri) => uri.startsWith('repo://acme-corp/gateway-service/contents/') && uri !== README && !uri.endsWith('.png'));
  secondFile = files[0]!;
  tickedFile = files[1]!;
  const confluenceTemplate = boxes(consentHtml, 'resources:atlassian').all.find((uri) => uri.startsWith('confluence://') && uri.includes('{pageId}'))!;
  untickItems(session, {
    'prompts:github': ['summarize_pull_request'],
    'resources:github': [README, secondFile],
    'resources:atlassian': [WIDGET, confluenceTemplate],
  });
  const result = await session.authorize();
  mcp = await connectMcp(gw.mcpUrl, String(result.tokens!.access_token));
});
afterAll(async () => {
  await mcp?.close();
  await stack?.stop();
});

describe('The consent page offers prompts and resources per connector', () => {
  it('lists each connected connector’s prompts, resources and resource templates, ticked by default, in labelled fieldsets', () => {
    expect(boxes(consentHtml, 'prompts:github')).toEqual({ all: ['summarize_pull_request'], ticked: ['summarize_pull_request'] });
    expect(boxes(consentHtml, 'prompts:slack').ticked).toEqual(['summarize_channel']);
    const github = boxes(consentHtml, 'resources:github');
    expect(github.all).toEqual(expect.arrayContaining([README, GITHUB_TEMPLATE]));
    expect(github.ticked).toEqual(github.all);
    expect(boxes(consentHtml, 'resources:atlassian').ticked).toContain(WIDGET);
    for (const legend of ['GitHub prompts the AI may use', 'GitHub resources the AI may read', 'GitHub resource templates the AI may read', 'Slack prompts the AI may use']) {
      expect(consentHtml).toContain(`<legend>${legend}</legend>`);
    }
  });
});

describe('What the user unticked is neither listed nor usable', () => {
  it('prompts: the unticked one is not listed, not gettable and not completed — its upstream is not asked', async () => {
    const names = (await mcp.client.listPrompts()).prompts.map((prompt) => prompt.name);
    expect(names).toEqual(expect.arrayContaining(['slack__summarize_channel', 'atlassian__draft_status_update']));
    expect(names).not.toContain('github__summarize_pull_request');
    const before = githubCalls();
    await expect(mcp.client.getPrompt({ name: 'github__summarize_pull_request', arguments: { owner: 'acme-corp', repo: 'gateway-service', pr_number: '1' } })).rejects.toThrow(/Unknown prompt/);
    const completion = await mcp.client.complete({ ref: { type: 'ref/prompt', name: 'github__summarize_pull_request' }, argument: { name: 'repo', value: 'g' } });
    expect(completion.completion.values).toEqual([]);
    expect(githubCalls()).toBe(before);
    const slack = await mcp.client.complete({ ref: { type: 'ref/prompt', name: 'slack__summarize_channel' }, argument: { name: 'channel', value: 'e' } });
    expect(slack.completion.values).toEqual(['engineering']);
  });

  it('resources: unticked ones are not listed, nor readable or subscribable — even under a ticked template — and the upstream is not asked', async () => {
    const listed = (await mcp.client.listResources()).resources.map((resource) => resource.uri);
    expect(listed).toContain(gatewayUri('github', tickedFile));
    for (const unticked of [gatewayUri('github', README), gatewayUri('github', secondFile), gatewayUri('atlassian', WIDGET)]) expect(listed).not.toContain(unticked);
    const templates = (await mcp.client.listResourceTemplates()).resourceTemplates.map((template) => template.uriTemplate);
    expect(templates).toContain(gatewayUri('github', GITHUB_TEMPLATE));
    expect(templates.some((template) => template.startsWith('confluence://'))).toBe(false);

    const before = githubUses();
    for (const uri of [README, secondFile]) {
      await expect(mcp.client.readResource({ uri: gatewayUri('github', uri) }), uri).rejects.toMatchObject({ code: -32002 });
      await expect(mcp.client.subscribeResource({ uri: gatewayUri('github', uri) }), uri).rejects.toMatchObject({ code: -32002 });
    }
    expect(githubUses()).toEqual(before);
    const read = await mcp.client.readResource({ uri: gatewayUri('github', tickedFile) });
    expect(read.contents[0]).toMatchObject({ uri: gatewayUri('github', tickedFile), text: expect.any(String) });
  });

  it('a widget named by a granted tool stays readable (not listed) when unticked; with its tool unticked too, it is not readable', async () => {
    const widget = await mcp.client.readResource({ uri: gatewayUri('atlassian', WIDGET) });
    expect(widget.contents[0]).toMatchObject({ mimeType: 'text/html;profile=mcp-app' });

    const gw = stack.gateway.current;
    const other = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!, { clientName: 'Claude', redirectUri: 'https://claude.ai/api/mcp/auth_callback' });
    untickItems(other, { 'resources:atlassian': [WIDGET], 'tools:atlassian': ['jira_issue_card'] });
    const second = await connectMcp(gw.mcpUrl, String((await other.authorize({ tick: ['atlassian'] })).tokens!.access_token));
    try {
      await expect(second.client.readResource({ uri: gatewayUri('atlassian', WIDGET) })).rejects.toMatchObject({ code: -32002 });
      expect((await second.client.listTools()).tools.map((tool) => tool.name)).not.toContain('atlassian__jira_issue_card');
    } finally {
      await second.close();
    }
  });

  it('the portal shows how many prompts and resources each connector was given to the client', async () => {
    const gw = stack.gateway.current;
    const person = gw.app.directory[0]!;
    const page = await (await portalSession(gw.url, person)).page();
    const row = page.slice(page.indexOf(`data-client="${clientId}"`));
    const githubResources = boxes(consentHtml, 'resources:github').all.length - 2;
    expect(row).toContain(`GitHub <span class="muted">(all tools, 0 selected prompts, ${githubResources} selected resources)</span>`);
  });
});

describe('A grant stored before prompts and resources could be chosen', () => {
  it('still means all of them, and its client may still be asked for elicitation and sampling (migration 4)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gangway-grants-'));
    try {
      // The schema as a release before migration 4 left it.
      const db = new Database(join(dir, SQLITE_FILE));
      db.exec('CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      for (const migration of migrations.filter((m) => m.version <= 3)) {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)').run(migration.version, migration.name);
      }
      db.prepare('INSERT INTO tool_grants (account_id, client_id, connector_id, tools, granted_at) VALUES (?, ?, ?, ?, ?)').run('u1', 'c1', 'github', JSON.stringify(['list_repositories']), 1);
      db.prepare('INSERT INTO client_approvals (account_id, client_id, grant_id, approved_at) VALUES (?, ?, ?, ?)').run('u1', 'c1', 'g1', 1);
      db.close();
      const store = openSqliteStore(dir);
      try {
        expect(await store.toolGrants.listForClient('u1', 'c1')).toEqual([expect.objectContaining({ connectorId: 'github', tools: ['list_repositories'], prompts: '*', resources: '*' })]);
        expect((await store.approvals.find('u1', 'c1'))?.permissions).toEqual({ elicitation: true, sampling: true });
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
