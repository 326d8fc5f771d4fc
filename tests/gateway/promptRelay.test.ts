/**
 * Issue 13, item 1 (prompts): through the gateway a client lists the prompts of the connectors the
 * user granted it, namespaced like tools, gets them with arguments and completes their arguments —
 * and a connector the user did not grant contributes nothing: its prompt is neither listed nor
 * gettable, and completion for it is empty (the upstream is not asked).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { saveValidKeys } from '../support/validKeys.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, type ConnectedClient } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';

let stack: GatewayStack;
let mcp: ConnectedClient;

beforeAll(async () => {
  stack = await startGatewayStack();
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
  await saveValidKeys(session, stack.mocks.fixtures, ['github', 'slack']);
  // Atlassian is left out of this client's grant.
  const result = await session.authorize({ untick: ['atlassian'] });
  mcp = await connectMcp(gw.mcpUrl, String(result.tokens!.access_token));
});
afterAll(async () => {
  await mcp?.close();
  await stack?.stop();
});

describe('Prompts through the gateway', () => {
  it(`${cite('UP-06')} lists the granted connectors' prompts, namespaced and sorted, and nothing of the others`, async () => {
    const names = (await mcp.client.listPrompts()).prompts.map((prompt) => prompt.name);
    expect(names).toContain('github__summarize_pull_request');
    expect(names).toContain('slack__summarize_channel');
    expect(names).toEqual([...names].sort());
    expect(names.some((name) => name.startsWith('atlassian__'))).toBe(false);
  });

  it('gets a prompt with its arguments from its upstream, and refuses one of a connector not granted', async () => {
    const pull = stack.mocks.fixtures.github.pullRequests.find((p) => p.repo === 'acme-corp/gateway-service')!;
    const got = await mcp.client.getPrompt({ name: 'github__summarize_pull_request', arguments: { owner: 'acme-corp', repo: 'gateway-service', pr_number: String(pull.number) } });
    expect((got.messages[0]!.content as { text: string }).text).toContain(pull.title);
    const atlassianCalls = stack.mocks.vendors.atlassian.control.recording({ area: 'mcp' }).length;
    await expect(mcp.client.getPrompt({ name: 'atlassian__draft_status_update', arguments: { project_key: 'ENG' } })).rejects.toThrow(/Unknown prompt/);
    await expect(mcp.client.getPrompt({ name: 'summarize_channel', arguments: { channel: '#general' } })).rejects.toThrow(/Unknown prompt/);
    expect(stack.mocks.vendors.atlassian.control.recording({ area: 'mcp' })).toHaveLength(atlassianCalls);
  });

  it("completes a granted prompt's argument through its upstream, and nothing for one not granted", async () => {
    const slack = await mcp.client.complete({ ref: { type: 'ref/prompt', name: 'slack__summarize_channel' }, argument: { name: 'channel', value: 'e' } });
    expect(slack.completion.values).toEqual(['engineering']);
    const atlassian = await mcp.client.complete({ ref: { type: 'ref/prompt', name: 'atlassian__draft_status_update' }, argument: { name: 'project_key', value: 'E' } });
    expect(atlassian.completion.values).toEqual([]);
  });
});
