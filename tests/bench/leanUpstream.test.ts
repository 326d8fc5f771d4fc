/**
 * The fair bench's lean upstream is a real MCP server for the SDK's own client (which is what the
 * gateway uses upstream), and its one shared McpServer keeps concurrent clients apart even though
 * their JSON-RPC ids collide. No timings asserted: that is the bench's job, not a test's.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLeanUpstream, type BenchChild } from './benchProcesses.ts';
import { RawMcpClient } from './rawMcpClient.ts';

describe('the bench lean upstream', () => {
  let upstream: BenchChild;
  beforeAll(async () => {
    upstream = await startLeanUpstream();
  });
  afterAll(async () => {
    await upstream?.stop();
  });

  it('serves the SDK client: initialize, tools/list and tools/call, as JSON', async () => {
    const client = new Client({ name: 'lean-upstream-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${upstream.url}/mcp`)));
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['echo']);
    expect((await client.callTool({ name: 'echo', arguments: {} })).content).toEqual([{ type: 'text', text: 'ok' }]);
    await client.close();
    const raw = await fetch(`${upstream.url}/slow/7/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 'x', method: 'ping' }) });
    expect(raw.headers.get('content-type')).toBe('application/json');
    expect(await raw.json()).toEqual({ jsonrpc: '2.0', id: 'x', result: {} });
  });

  it('answers each of many concurrent clients with its own id', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => RawMcpClient.connect(`${upstream.url}/mcp`)));
    // Every client numbers its requests 1, 2, 3…: the same ids in flight at once.
    const answers = await Promise.all(clients.flatMap((client) => Array.from({ length: 5 }, () => client.request('tools/call', { name: 'echo', arguments: {} }))));
    expect(answers).toHaveLength(20);
    for (const answer of answers) expect(answer.content).toEqual([{ type: 'text', text: 'ok' }]);
    await expect(clients[0]!.request('tools/call', { name: 'missing', arguments: {} })).rejects.toThrow();
  });
});
