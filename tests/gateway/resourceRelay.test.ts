/**
 * Issue 13, item 1 (resources): through the gateway a client lists and reads the resources of the
 * connectors the user granted it — their URIs carrying the connector's prefix, so each read reaches
 * the right upstream with the upstream's own URI — including an MCP Apps `ui://` widget the tool's
 * `_meta` points at. A connector the user did not grant is neither listed nor readable (tests try),
 * and its upstream is not even asked.
 */
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { saveValidKeys } from '../support/validKeys.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, type ConnectedClient } from '../support/mcpClient.ts';

let stack: GatewayStack;
let mcp: ConnectedClient;

beforeAll(async () => {
  stack = await startGatewayStack();
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
  await saveValidKeys(session, stack.mocks.fixtures, ['github', 'atlassian']);
  // Slack is left out of this client's grant.
  const result = await session.authorize({ untick: ['slack'] });
  mcp = await connectMcp(gw.mcpUrl, String(result.tokens!.access_token));
});
afterAll(async () => {
  await mcp?.close();
  await stack?.stop();
});

describe('Resources through the gateway', () => {
  it("lists the granted connectors' resources and templates under URIs that carry the connector's prefix", async () => {
    const uris = (await mcp.client.listResources()).resources.map((resource) => resource.uri);
    expect(uris.some((uri) => uri.startsWith('repo://github__'))).toBe(true);
    expect(uris.some((uri) => uri.startsWith('confluence://atlassian__'))).toBe(true);
    expect(uris.some((uri) => uri.startsWith('slack://'))).toBe(false);
    const templates = (await mcp.client.listResourceTemplates()).resourceTemplates.map((template) => template.uriTemplate);
    expect(templates).toContain('repo://github__{owner}/{repo}/contents/{+path}');
  });

  it('reads text and binary resources from their upstream, under the URI the client asked for', async () => {
    const listed = (await mcp.client.listResources()).resources;
    const text = listed.find((resource) => resource.uri.startsWith('repo://github__') && !resource.uri.endsWith('.png'))!;
    const read = await mcp.client.readResource({ uri: text.uri });
    expect(read.contents[0]).toMatchObject({ uri: text.uri, text: expect.any(String) });
    const avatar = listed.find((resource) => resource.uri.startsWith('repo://github__') && resource.uri.endsWith('avatar.png'))!;
    const image = await mcp.client.readResource({ uri: avatar.uri });
    expect(image.contents[0]).toMatchObject({ uri: avatar.uri, mimeType: 'image/png', blob: expect.any(String) });
  });

  it("keeps an MCP Apps widget working: the tool's _meta points at the widget's gateway URI, which reads as the app's HTML", async () => {
    const card = (await mcp.client.listTools()).tools.find((tool) => tool.name === 'atlassian__jira_issue_card')!;
    const meta = card._meta as { ui: { resourceUri: string }; 'ui/resourceUri': string; 'openai/outputTemplate': string };
    expect(meta.ui.resourceUri).toBe('ui://atlassian__jira/issue-card.html');
    expect(meta['ui/resourceUri']).toBe(meta.ui.resourceUri);
    expect(meta['openai/outputTemplate']).toBe(meta.ui.resourceUri);
    const widget = await mcp.client.readResource({ uri: meta.ui.resourceUri });
    expect(widget.contents[0]).toMatchObject({ uri: meta.ui.resourceUri, mimeType: 'text/html;profile=mcp-app', text: expect.stringContaining('<') });
  });

  it('refuses a resource of a connector not granted, or of none, as not found, without asking that upstream', async () => {
    const slack = stack.mocks.fixtures.slack;
    const general = slack.channels.find((channel) => channel.name === 'general')!;
    const before = stack.mocks.vendors.slack.control.recording({ area: 'mcp' }).length;
    for (const uri of [`slack://slack__${slack.team.id}/channels/${general.id}/history`, `slack://${slack.team.id}/channels/${general.id}/history`, 'repo://nobody__acme/x/contents/README.md']) {
      await expect(mcp.client.readResource({ uri }), uri).rejects.toMatchObject({ code: -32002 });
    }
    expect(stack.mocks.vendors.slack.control.recording({ area: 'mcp' })).toHaveLength(before);
  });
});

describe('Resource subscriptions through the gateway', () => {
  it('tells a subscribed session when the upstream says the resource changed, under the gateway URI, and stops after unsubscribe', async () => {
    const updated: string[] = [];
    mcp.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => void updated.push(notification.params.uri));
    const uri = 'repo://github__acme-corp/gateway-service/contents/README.md';
    await mcp.client.subscribeResource({ uri });
    const args = { owner: 'acme-corp', repo: 'gateway-service', path: 'README.md', content: '# gateway-service\n\nRewritten through the gateway.\n', message: 'docs: rewrite README' };
    const written = await mcp.client.callTool({ name: 'github__create_or_update_file', arguments: args });
    expect(written.isError).toBeFalsy();
    await expect.poll(() => updated).toEqual([uri]);
    expect((await mcp.client.readResource({ uri })).contents[0]).toMatchObject({ uri, text: args.content });
    await mcp.client.unsubscribeResource({ uri });
    await mcp.client.callTool({ name: 'github__create_or_update_file', arguments: { ...args, content: 'again' } });
    expect(updated).toEqual([uri]);
  });

  it('refuses to subscribe to a resource of a connector not granted', async () => {
    const slack = stack.mocks.fixtures.slack;
    await expect(mcp.client.subscribeResource({ uri: `slack://slack__${slack.team.id}/channels/${slack.channels[0]!.id}/history` })).rejects.toMatchObject({ code: -32002 });
  });
});
