/**
 * Issue 12: a tool call is routed by the tool's prefix and the user's grants alone — it never waits
 * for the upstream's tool list. Here the upstream stops answering tools/list once the user has
 * authorized (and the gateway keeps no list: TTL 0), yet calls go through at once; the old routing,
 * which fetched the list first, waited out the list's 5 s limit on every call.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, textOf } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';
import { startScriptedUpstream } from '../support/scriptedUpstream.ts';

/** A public upstream whose tools/list hangs once `stall` is set. */
async function startStallingUpstream() {
  const state = { stall: false, listsAsked: 0, callsServed: 0 };
  const upstream = await startScriptedUpstream(
    (body) => {
      if (body?.method === 'tools/list') {
        state.listsAsked++;
        if (state.stall) return undefined;
      }
      const mcp = new McpServer({ name: 'stalling-upstream', version: '1.0.0' });
      mcp.registerTool('lookup', { description: 'Looks a word up', inputSchema: {} }, async () => {
        state.callsServed++;
        return { content: [{ type: 'text', text: 'found it' }] };
      });
      return mcp;
    },
    { json: true },
  );
  return { ...upstream, state };
}

describe('Routing a tool call', () => {
  let upstream: Awaited<ReturnType<typeof startStallingUpstream>>;
  let stack: GatewayStack;
  beforeAll(async () => {
    upstream = await startStallingUpstream();
    stack = await startGatewayStack({
      gateway: { toolListCacheSeconds: 0 },
      catalog: (catalog) => ({ connectors: [...catalog.connectors, { id: 'stalling', displayName: 'Stalling', mcpUrl: upstream.mcpUrl, toolPrefix: 'stalling', auth: { none: {} } }] }),
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await upstream?.close();
  });

  it(`${cite('UP-06')} goes by the tool's prefix and the user's grants, without waiting for a tool list`, { timeout: 4000 }, async () => {
    const gw = stack.gateway.current;
    const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
    const result = await session.authorize({ tick: ['stalling'] });
    const mcp = await connectMcp(gw.mcpUrl, String(result.tokens!.access_token));
    upstream.state.stall = true;
    const listsBefore = upstream.state.listsAsked;
    for (let n = 0; n < 3; n++) {
      const answer = await mcp.client.callTool({ name: 'stalling__lookup', arguments: {} });
      expect(textOf(answer)).toBe('found it');
    }
    expect(upstream.state.callsServed).toBe(3);
    // The gateway did ask for the list — in the background, for the next call's argument check.
    expect(upstream.state.listsAsked).toBeGreaterThan(listsBefore);
    await mcp.close();
  });
});
