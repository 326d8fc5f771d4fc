/**
 * Issue 13, item 1 (cancellation): a client that gives up on a tool call (notifications/cancelled)
 * makes the gateway stop waiting for the upstream and tell it — notifications/cancelled with the
 * upstream's own request id — whether the call went over the JSON lane or a stream.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, type ConnectedClient } from '../support/mcpClient.ts';
import { startScriptedUpstream, type ScriptedUpstream } from '../support/scriptedUpstream.ts';

/** What reached the upstream: each tools/call's id, and each notifications/cancelled's requestId. */
const seen = { calls: [] as unknown[], cancelled: [] as unknown[] };
let upstream: ScriptedUpstream;
let stack: GatewayStack;
let mcp: ConnectedClient;

beforeAll(async () => {
  upstream = await startScriptedUpstream((body) => {
    const message = body as { id?: unknown; method?: string; params?: { requestId?: unknown } } | undefined;
    if (message?.method === 'tools/call') seen.calls.push(message.id);
    if (message?.method === 'notifications/cancelled') seen.cancelled.push(message.params?.requestId);
    const mcp = new McpServer({ name: 'slow-upstream', version: '1.0.0' });
    // Works until its request is abandoned (at most 20 s).
    mcp.registerTool('wait', { description: 'Waits a long time', inputSchema: {} }, async (_args, extra) => {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 20_000);
        extra.signal.addEventListener('abort', () => resolve(clearTimeout(timer)));
      });
      return { content: [{ type: 'text', text: 'done waiting' }] };
    });
    return mcp;
  });
  stack = await startGatewayStack({ catalog: (catalog) => ({ connectors: [...catalog.connectors, { id: 'slow', displayName: 'Slow', mcpUrl: upstream.mcpUrl, toolPrefix: 'slow', auth: { none: {} } }] }) });
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
  const result = await session.authorize({ tick: ['slow'] });
  mcp = await connectMcp(gw.mcpUrl, String(result.tokens!.access_token));
});
afterAll(async () => {
  await mcp?.close();
  await stack?.stop();
  await upstream?.close();
});

async function cancelOneCall(options: { onprogress?: () => void }) {
  const calls = seen.calls.length;
  const controller = new AbortController();
  const pending = mcp.client.callTool({ name: 'slow__wait', arguments: {} }, undefined, { signal: controller.signal, ...options });
  await expect.poll(() => seen.calls.length).toBe(calls + 1);
  controller.abort('the person pressed Stop');
  await expect(pending).rejects.toThrow();
  const upstreamId = seen.calls.at(-1);
  await expect.poll(() => seen.cancelled).toContain(upstreamId);
}

describe('Cancelling a tool call through the gateway', () => {
  it('a call on the JSON lane: the upstream is told with its own request id', async () => {
    await cancelOneCall({});
  });

  it('a streamed call (it asked for progress): the upstream is told the same way', async () => {
    await cancelOneCall({ onprogress: () => undefined });
  });
});
