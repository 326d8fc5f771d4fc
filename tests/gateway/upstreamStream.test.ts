/**
 * Issue 13, item 1 (list_changed from any upstream): a stateful upstream announces its own changes on
 * its standalone GET stream — the SDK's `sendToolListChanged()` when a tool is added outside any
 * request. The gateway keeps that stream open per upstream session, so the user's cached list is
 * dropped and their clients hear list_changed at once, not at the cache's expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';
import { startStatefulUpstream, type StatefulUpstream } from '../support/statefulUpstream.ts';

let upstream: StatefulUpstream;
let stack: GatewayStack;

beforeAll(async () => {
  // `later` adds a tool 200 ms after the call has been answered: the announcement answers no request.
  upstream = await startStatefulUpstream('announcing-upstream', (mcp) => {
    mcp.registerTool('later', { description: 'Adds a tool a moment after answering', inputSchema: {} }, async () => {
      setTimeout(() => mcp.registerTool('added', { description: 'Added later', inputSchema: {} }, async () => ({ content: [{ type: 'text', text: 'hi' }] })), 200);
      return { content: [{ type: 'text', text: 'a tool is coming' }] };
    });
  });
  stack = await startGatewayStack({
    // A long list cache: only the upstream's announcement can explain a fresh list.
    gateway: { toolListCacheSeconds: 3600 },
    catalog: (catalog) => ({ connectors: [...catalog.connectors, { id: 'announcing', displayName: 'Announcing', mcpUrl: upstream.mcpUrl, toolPrefix: 'announcing', auth: { none: {} } }] }),
  });
});
afterAll(async () => {
  await stack?.stop();
  await upstream?.close();
});

describe("An upstream's own announcements (its GET stream)", () => {
  it(`${cite('LISTCHANGED-02')} reach the user's sessions and refresh the cached list`, async () => {
    const gw = stack.gateway.current;
    const token = String((await (await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!)).authorize({ tick: ['announcing'] })).tokens!.access_token);
    const mcp = await connectMcp(gw.mcpUrl, token);
    try {
      const names = async () => (await mcp.client.listTools()).tools.map((tool) => tool.name).filter((name) => name.startsWith('announcing__'));
      expect(await names()).toEqual(['announcing__later']);
      await expect.poll(() => upstream.streamsOpened()).toBeGreaterThan(0);
      const before = mcp.listChanged();
      expect((await mcp.client.callTool({ name: 'announcing__later', arguments: {} })).isError).toBeFalsy();
      await expect.poll(() => mcp.listChanged()).toBeGreaterThan(before);
      expect(await names()).toEqual(['announcing__added', 'announcing__later']);
    } finally {
      await mcp.close();
    }
  });
});
