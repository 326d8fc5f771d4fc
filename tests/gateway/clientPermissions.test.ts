/**
 * Issue 13, item 1 (sampling and elicitation, the consent side): the consent page asks, per client,
 * under a legend naming the tool vendors, "Allow the tools to ask you questions (elicitation)" and
 * "Allow the tools to use <client>'s AI model (sampling)", both ticked by default. What the user turned off is refused to the upstream with a JSON-RPC error
 * that says the user turned it off in the gateway's consent and where to change it — and the AI
 * client is never asked, even when it declared the capability. The portal turns it back on.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { clientConsentGuard, USER_REFUSED } from '../../gateway/mcp/clientRequests.ts';
import type { ToolCaller } from '../../gateway/tools/toolCatalog.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { saveValidKeys } from '../support/validKeys.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { textOf } from '../support/mcpClient.ts';
import { portalSession } from '../support/portalDriver.ts';

let stack: GatewayStack;
let accessToken: string;
let clientId: string;
let consentHtml: string;
const clients: Client[] = [];
const asked: string[] = [];
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const general = () => stack.mocks.fixtures.slack.channels.find((channel) => channel.name === 'general')!;
const engIssue = () => stack.mocks.fixtures.atlassian.issues.find((issue) => issue.projectKey === 'ENG')!;

/** A client that declared both capabilities and would answer both; `asked` records every time it is asked. */
async function willingClient(): Promise<Client> {
  const c = new Client({ name: 'permission-test', version: '1.0.0' }, { capabilities: { elicitation: {}, sampling: {} } });
  c.setRequestHandler(ElicitRequestSchema, () => {
    asked.push('elicitation');
    return { action: 'accept', content: { post_at: inAnHour() } };
  });
  c.setRequestHandler(CreateMessageRequestSchema, () => {
    asked.push('sampling');
    return { model: 'test-model-1', role: 'assistant', content: { type: 'text', text: 'A short summary.' } };
  });
  await c.connect(new StreamableHTTPClientTransport(new URL(stack.gateway.current.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${accessToken}` } } }));
  clients.push(c);
  return c;
}

const elicit = (c: Client) => c.callTool({ name: 'slack__schedule_message', arguments: { channel: general().id, text: 'Retro in 5' } });
const sample = (c: Client) => c.callTool({ name: 'atlassian__summarize_issue', arguments: { issueKey: engIssue().key } });

beforeAll(async () => {
  stack = await startGatewayStack();
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
  clientId = session.clientId;
  consentHtml = await saveValidKeys(session, stack.mocks.fixtures, ['slack', 'atlassian']);
  // Both boxes unticked: an unticked checkbox posts nothing, the page's marker says they were shown.
  const result = await session.authorize({ set: { 'allow-elicitation': '', 'allow-sampling': '' } });
  accessToken = String(result.tokens!.access_token);
});
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await stack?.stop();
});

describe('Elicitation and sampling per client, chosen on the consent page', () => {
  it('asks both questions on the consent page, ticked by default, in a fieldset with labels', () => {
    expect(consentHtml).toContain('<legend>What Atlassian, GitHub and Slack may ask while ChatGPT uses them</legend>');
    expect(consentHtml).toMatch(/<label class="inline"><input type="checkbox" name="allow-elicitation" value="1" checked[^>]*> Allow the tools to ask you questions \(elicitation\)<\/label>/);
    expect(consentHtml).toMatch(/<label class="inline"><input type="checkbox" name="allow-sampling" value="1" checked[^>]*> Allow the tools to use ChatGPT's AI model \(sampling\)<\/label>/);
  });

  it('refuses what the user turned off, saying so and where to change it, and never asks the client', async () => {
    const c = await willingClient();
    const elicited = await elicit(c);
    expect(elicited.isError).toBe(true);
    expect(textOf(elicited)).toContain("The user turned this off in the Gangway gateway's consent for ChatGPT: tools may not ask the user questions (elicitation)");
    expect(textOf(elicited)).toContain(`${stack.gateway.current.url}/portal/connections`);
    const sampled = await sample(c);
    expect(sampled.isError).toBe(true);
    expect(textOf(sampled)).toContain("tools may not use ChatGPT's AI model (sampling) through it, so ChatGPT was not asked");
    expect(asked).toEqual([]);
  });

  it('says the same to a client that declared neither (the JSON lane): the user’s choice comes first', async () => {
    const c = new Client({ name: 'plain', version: '1.0.0' });
    await c.connect(new StreamableHTTPClientTransport(new URL(stack.gateway.current.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${accessToken}` } } }));
    clients.push(c);
    expect(textOf(await elicit(c))).toContain('The user turned this off');
  });

  it('the portal turns elicitation back on for the client: the client is asked again; sampling stays off', async () => {
    const gw = stack.gateway.current;
    const person = gw.app.directory[0]!;
    const portal = await portalSession(gw.url, person);
    const page = await portal.page();
    const row = page.slice(page.indexOf(`data-client="${clientId}"`));
    expect(row).toMatch(/<input type="checkbox" name="allow-elicitation" value="1"> Ask you questions \(elicitation\)/);
    const saved = await portal.submit('/portal/clients/tools', { client_id: clientId, connectors: ['slack', 'atlassian'], 'permissions-shown': '1', 'allow-elicitation': '1' });
    expect(saved.status).toBe(303);

    const c = await willingClient();
    const elicited = await elicit(c);
    expect(elicited.isError, textOf(elicited)).toBeFalsy();
    expect(asked).toEqual(['elicitation']);
    expect(textOf(await sample(c))).toContain('The user turned this off');
    expect(asked).toEqual(['elicitation']);
  });
});

describe('The refusal as the upstream receives it (clientConsentGuard)', () => {
  const caller: ToolCaller = { user: { id: 'u1', name: 'U', email: 'u@example.test' }, client: { id: 'c1', name: 'Claude' }, scopes: [] };

  it('answers a forbidden request with JSON-RPC error -1 and the reason; passes allowed ones and other methods to the client', async () => {
    const reached: string[] = [];
    const outcomes: unknown[] = [];
    const guarded = clientConsentGuard({ permissions: async () => ({ elicitation: true, sampling: false }), connectionsUrl: 'https://gw.example/portal/connections' })(caller, async (method) => (reached.push(method), {}));
    for (const method of ['sampling/createMessage', 'elicitation/create', 'roots/list']) outcomes.push(await guarded(method, {}).catch((error: unknown) => error));
    expect(outcomes[0]).toBeInstanceOf(McpError);
    expect(outcomes[0]).toMatchObject({ code: USER_REFUSED });
    expect(USER_REFUSED).toBe(-1);
    expect((outcomes[0] as McpError).message).toContain(
      "The user turned this off in the Gangway gateway's consent for Claude: tools may not use Claude's AI model (sampling) through it, so Claude was not asked. The user can allow it again under \"AI clients you authorized\" on https://gw.example/portal/connections.",
    );
    expect(outcomes.slice(1)).toEqual([{}, {}]);
    expect(reached).toEqual(['elicitation/create', 'roots/list']);
  });
});
