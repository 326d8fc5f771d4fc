/**
 * Issue 13, item 1 (logging): a client's log level is fanned out to the upstreams it may use —
 * 2025's `logging/setLevel`, and 2026-07-28's per-request `_meta` level — so their tools send what
 * the client asked for; each client session still gets only its own level and above, tagged with
 * the connector. The shared upstream session is never made quieter than a session asked for.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { LoggingMessageNotificationSchema, type LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META_CLIENT_CAPABILITIES, META_CLIENT_INFO, META_PROTOCOL_VERSION } from '../../wire/protocolVersions.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { startGatewayStack, type GatewayStack } from '../support/gatewayStack.ts';
import { connectMcp, type ConnectedClient } from '../support/mcpClient.ts';
import { startScriptedUpstream, type ScriptedUpstream } from '../support/scriptedUpstream.ts';

const LEVELS: LoggingLevel[] = ['debug', 'info', 'error'];
/** Every logging/setLevel the upstream received, in order. */
const setLevels: string[] = [];

/** A public upstream with logging whose `chatty` tool logs one line at each of three levels. */
function startChattyUpstream(): Promise<ScriptedUpstream> {
  return startScriptedUpstream((body) => {
    if (body?.method === 'logging/setLevel') setLevels.push(String((body as { params?: { level?: string } }).params?.level));
    const mcp = new McpServer({ name: 'chatty-upstream', version: '1.0.0' }, { capabilities: { logging: {} } });
    mcp.registerTool('chatty', { description: 'Logs at debug, info and error', inputSchema: {} }, async (_args, extra) => {
      for (const level of LEVELS) await extra.sendNotification({ method: 'notifications/message', params: { level, logger: 'worker', data: `${level} line` } });
      return { content: [{ type: 'text', text: 'done' }] };
    });
    return mcp;
  });
}

let upstream: ScriptedUpstream;
let stack: GatewayStack;
let token: string;
const clients: ConnectedClient[] = [];

async function clientAt(level: LoggingLevel): Promise<{ heard: { level: string; logger?: string }[] }> {
  const mcp = await connectMcp(stack.gateway.current.mcpUrl, token);
  clients.push(mcp);
  const heard: { level: string; logger?: string }[] = [];
  mcp.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void heard.push({ level: notification.params.level, ...(notification.params.logger ? { logger: notification.params.logger } : {}) }));
  await mcp.client.setLoggingLevel(level);
  expect((await mcp.client.callTool({ name: 'chatty__chatty', arguments: {} })).isError).toBeFalsy();
  return { heard };
}

beforeAll(async () => {
  upstream = await startChattyUpstream();
  stack = await startGatewayStack({
    catalog: (catalog) => ({ connectors: [...catalog.connectors, { id: 'chatty', displayName: 'Chatty', mcpUrl: upstream.mcpUrl, toolPrefix: 'chatty', auth: { none: {} } }] }),
  });
  const gw = stack.gateway.current;
  const session = await ConsentSession.open(gw.url, gw.mcpUrl, gw.app.directory[0]!);
  token = String((await session.authorize({ tick: ['chatty'] })).tokens!.access_token);
});
afterAll(async () => {
  for (const mcp of clients) await mcp.close().catch(() => undefined);
  await stack?.stop();
  await upstream?.close();
});

describe('Log levels through the gateway', () => {
  it('passes a 2025 client’s logging/setLevel on to the upstream, and relays its level and above, tagged with the connector', async () => {
    const { heard } = await clientAt('info');
    expect(setLevels).toContain('info');
    expect(heard).toEqual([
      { level: 'info', logger: 'chatty/worker' },
      { level: 'error', logger: 'chatty/worker' },
    ]);
  });

  it('never makes the shared upstream session quieter than a session asked for, and lets a more verbose one through', async () => {
    const before = setLevels.length;
    const quiet = await clientAt('error');
    expect(setLevels.slice(before)).toEqual([]);
    expect(quiet.heard.map((message) => message.level)).toEqual(['error']);
    const verbose = await clientAt('debug');
    expect(setLevels.slice(before)).toEqual(['debug']);
    expect(verbose.heard.map((message) => message.level)).toEqual(['debug', 'info', 'error']);
  });

  it('relays to a 2026-07-28 client the messages at the level its request names in _meta', async () => {
    const response = await fetch(stack.gateway.current.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'chatty__chatty' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: {
          name: 'chatty__chatty',
          arguments: {},
          _meta: { [META_PROTOCOL_VERSION]: '2026-07-28', [META_CLIENT_INFO]: { name: 'raw', version: '1' }, [META_CLIENT_CAPABILITIES]: {}, 'io.modelcontextprotocol/logLevel': 'error' },
        },
      }),
    });
    const stream = await response.text();
    const messages = [...stream.matchAll(/"method":"notifications\/message","params":(\{[^}]*\})/g)].map((match) => JSON.parse(match[1]!) as { level: string });
    expect(messages.map((message) => message.level)).toEqual(['error']);
    expect(stream).toContain('"done"');
  });
});
