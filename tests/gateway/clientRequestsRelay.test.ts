/**
 * Issue 13, item 1 (sampling and elicitation): a request an upstream makes of the client during a
 * tool call — `elicitation/create` (Slack's schedule_message asks when) or `sampling/createMessage`
 * (Atlassian's summarize_issue asks the client's model) — reaches the client through the gateway
 * only when the client declared that capability, and the client's answer goes back to the upstream.
 * A client that did not declare it is never asked: the upstream is told so, and the tool says why.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, type ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { saveValidKeys } from '../support/validKeys.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { textOf } from '../support/mcpClient.ts';

let stack: GatewayStack;
let accessToken: string;
const clients: Client[] = [];
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const general = () => stack.mocks.fixtures.slack.channels.find((channel) => channel.name === 'general')!;
const engIssue = () => stack.mocks.fixtures.atlassian.issues.find((issue) => issue.projectKey === 'ENG')!;

async function client(capabilities: ClientCapabilities, setup: (c: Client) => void = () => undefined): Promise<Client> {
  const c = new Client({ name: 'relay-test', version: '1.0.0' }, { capabilities });
  setup(c);
  await c.connect(new StreamableHTTPClientTransport(new URL(stack.gateway.current.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${accessToken}` } } }));
  clients.push(c);
  return c;
}

beforeAll(async () => {
  stack = await startGatewayStack();
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
  await saveValidKeys(session, stack.mocks.fixtures, ['slack', 'atlassian']);
  accessToken = String((await session.authorize()).tokens!.access_token);
});
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await stack?.stop();
});

describe('Requests an upstream makes of the client, through the gateway', () => {
  it('elicitation: the client that declared it is asked, and its answer reaches the upstream', async () => {
    const when = inAnHour();
    const asked: string[] = [];
    const c = await client({ elicitation: {} }, (c) =>
      c.setRequestHandler(ElicitRequestSchema, (request) => {
        asked.push(request.params.message);
        return { action: 'accept', content: { post_at: when } };
      }),
    );
    const result = await c.callTool({ name: 'slack__schedule_message', arguments: { channel: general().id, text: 'Retro in 5' } });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toContain(String(Math.floor(Date.parse(when) / 1000)));
    expect(asked).toEqual([expect.stringContaining('#general')]);
  });

  it('sampling: the client that declared it lends its model, and the summary comes back', async () => {
    const c = await client({ sampling: {} }, (c) =>
      c.setRequestHandler(CreateMessageRequestSchema, () => ({ model: 'test-model-1', role: 'assistant', content: { type: 'text', text: 'A short summary.' } })),
    );
    const result = await c.callTool({ name: 'atlassian__summarize_issue', arguments: { issueKey: engIssue().key } });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toContain('A short summary.');
  });

  it('a client that declared neither is never asked: the tool says the client cannot be asked', async () => {
    const c = await client({});
    const elicited = await c.callTool({ name: 'slack__schedule_message', arguments: { channel: general().id, text: 'Maybe' } });
    expect(elicited.isError).toBe(true);
    expect(textOf(elicited)).toMatch(/did not declare elicitation/);
    // Said once, without the SDK's "MCP error -32601:" stacked on, and with the vendor's own way out.
    expect(textOf(elicited)).not.toMatch(/MCP error -32601: MCP error/);
    expect(textOf(elicited)).toContain('Pass post_at (Unix seconds) instead.');
    const sampled = await c.callTool({ name: 'atlassian__summarize_issue', arguments: { issueKey: engIssue().key } });
    expect(sampled.isError).toBe(true);
    expect(textOf(sampled)).toMatch(/did not declare sampling/);
  });
});
