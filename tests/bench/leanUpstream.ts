/**
 * The bench's upstream, run as its own process (`node --import tsx tests/bench/leanUpstream.ts`):
 * ONE `McpServer` built once at start-up, serving a trivial `echo` tool over Streamable HTTP with
 * plain JSON answers (no SSE, no session). The mock vendors build a new McpServer + Ajv per request,
 * which made "direct" slow and the gateway's ratio look better than it is (issue 12); this one costs
 * as little as the SDK allows, so direct and gateway calls measure the gateway and nothing else.
 *
 *   /mcp              answers at once (the tools/call and throughput upstream)
 *   /slow/<n>/mcp     the same server, every request held 20 ms first (50 "upstreams" for fan-out)
 *
 * Prints `LEAN UPSTREAM URL: <origin>` once listening; the parent reads it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { JsonHttpTransport } from './jsonHttpTransport.ts';

const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 20);

const mcp = new McpServer({ name: 'bench-lean-upstream', version: '1.0.0' });
mcp.registerTool('echo', { description: 'Returns "ok": the cheapest tool an upstream can have', inputSchema: {} }, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
const transport = new JsonHttpTransport();
await mcp.connect(transport);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const slow = /^\/slow\/\d+\/mcp$/.test(path);
  if (path !== '/mcp' && !slow) return void res.writeHead(404).end();
  // No standalone SSE stream and no sessions to delete: 405 is what the spec allows for both.
  if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
  const body = await readBody(req);
  if (slow) await sleep(SLOW_MS);
  await transport.handle(body, res);
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`LEAN UPSTREAM URL: http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
