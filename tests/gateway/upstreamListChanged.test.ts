/**
 * Issue 12: a connector's tool list is refreshed when the upstream says it changed. An upstream
 * that sends `notifications/tools/list_changed` on a call's answer stream makes the gateway drop
 * that user's cached list (the next tools/list holds the new tool at once, not after the cache's
 * TTL) and send list_changed to the user's open sessions (LISTCHANGED-02).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { PromptListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp } from '../support/mcpClient.ts';
import { cite } from '../support/requirements.ts';
import { startScriptedUpstream } from '../support/scriptedUpstream.ts';
import { storeKinds } from '../support/storeKinds.ts';
import type { RunningGateway } from '../../gateway/server.ts';

/** A public upstream whose `grow` tool adds a tool and says so on the call's own SSE stream. */
function startGrowingUpstream() {
  const names = ['grow'];
  const prompts = ['first_prompt'];
  return startScriptedUpstream(() => {
    const mcp = new McpServer({ name: 'growing-upstream', version: '1.0.0' }, { capabilities: { tools: { listChanged: true }, prompts: { listChanged: true } } });
    for (const name of prompts) mcp.registerPrompt(name, { description: `The ${name}` }, () => ({ messages: [{ role: 'user', content: { type: 'text', text: name } }] }));
    for (const name of names) {
      mcp.registerTool(name, { description: `The ${name} tool`, inputSchema: {} }, async (_args, extra) => {
        if (name === 'grow' && !names.includes('grown')) names.push('grown');
        if (name === 'grow' && !prompts.includes('grown_prompt')) prompts.push('grown_prompt');
        await extra.sendNotification({ method: 'notifications/tools/list_changed' });
        await extra.sendNotification({ method: 'notifications/prompts/list_changed' });
        return { content: [{ type: 'text', text: `${name} done` }] };
      });
    }
    return mcp;
  });
}

describe('An upstream that changes its tools', () => {
  let upstream: Awaited<ReturnType<typeof startGrowingUpstream>>;
  let stack: GatewayStack;
  beforeAll(async () => {
    upstream = await startGrowingUpstream();
    stack = await startGatewayStack({
      // A long TTL: only the upstream's notification can explain a fresh list.
      gateway: { toolListCacheSeconds: 3600 },
      catalog: (catalog) => ({ connectors: [...catalog.connectors, { id: 'growing', displayName: 'Growing', mcpUrl: upstream.mcpUrl, toolPrefix: 'growing', auth: { none: {} } }] }),
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await upstream?.close();
  });

  it(`${cite('LISTCHANGED-02')} drops the cached lists and tells the user's sessions when the upstream sends tools or prompts list_changed`, async () => {
    const gw = stack.gateway.current;
    const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
    const result = await session.authorize({ tick: ['growing'] });
    const mcp = await connectMcp(gw.mcpUrl, String(result.tokens!.access_token));
    const names = async () => (await mcp.client.listTools()).tools.map((tool) => tool.name).filter((name) => name.startsWith('growing__'));
    expect(await names()).toEqual(['growing__grow']);
    const promptNames = async () => (await mcp.client.listPrompts()).prompts.map((prompt) => prompt.name).filter((name) => name.startsWith('growing__'));
    expect(await promptNames()).toEqual(['growing__first_prompt']);
    let promptChanges = 0;
    mcp.client.setNotificationHandler(PromptListChangedNotificationSchema, () => void promptChanges++);
    const before = mcp.listChanged();
    expect((await mcp.client.callTool({ name: 'growing__grow', arguments: {} })).isError).toBeFalsy();
    await expect.poll(() => mcp.listChanged()).toBeGreaterThan(before);
    expect(await names()).toEqual(['growing__grow', 'growing__grown']);
    await expect.poll(() => promptChanges).toBeGreaterThan(0);
    expect(await promptNames()).toEqual(['growing__first_prompt', 'growing__grown_prompt']);
    await mcp.close();
  });
});

describe('An upstream that changes its tools, with two replicas on PostgreSQL (issue 14)', () => {
  const postgres = storeKinds().find((kind) => kind.kind === 'postgres')!;
  let upstream: Awaited<ReturnType<typeof startGrowingUpstream>>;
  let stack: GatewayStack;
  let replica: RunningGateway;
  beforeAll(async () => {
    upstream = await startGrowingUpstream();
    stack = await startGatewayStack({
      gateway: { toolListCacheSeconds: 3600, ...(await postgres.settings()) },
      catalog: (catalog) => ({ connectors: [...catalog.connectors, { id: 'growing', displayName: 'Growing', mcpUrl: upstream.mcpUrl, toolPrefix: 'growing', auth: { none: {} } }] }),
    });
    replica = await stack.startReplica();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await upstream?.close();
    await postgres.cleanup();
  });

  it(`${cite('LISTCHANGED-02')} the replica that hears the upstream's list_changed makes the other drop its cached list too`, async () => {
    const gw = stack.gateway.current;
    const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
    const token = String((await session.authorize({ tick: ['growing'] })).tokens!.access_token);
    const viaFirst = await connectMcp(gw.mcpUrl, token);
    const viaReplica = await connectMcp(`${replica.listenUrl}/mcp`, token);
    const names = async (mcp: typeof viaFirst) => (await mcp.client.listTools()).tools.map((tool) => tool.name).filter((name) => name.startsWith('growing__'));
    // The replica caches the list for an hour…
    expect(await names(viaReplica)).toEqual(['growing__grow']);
    const before = viaReplica.listChanged();
    // …and the upstream announces its change to the first replica, which made the call.
    expect((await viaFirst.client.callTool({ name: 'growing__grow', arguments: {} })).isError).toBeFalsy();
    await expect.poll(() => viaReplica.listChanged(), { timeout: 10_000 }).toBeGreaterThan(before);
    expect(await names(viaReplica)).toEqual(['growing__grow', 'growing__grown']);
    await viaFirst.close();
    await viaReplica.close();
  });
});
