/**
 * Servers we did not write, for the 2026-07-28 client tests: the SDK v2 line's own
 * `createMcpHandler` (a real 2026-07-28 server: server/discover, per-request `_meta`, header
 * checks, `input_required`, progress over SSE) and, to prove refusal, the v1 line's stateful
 * Streamable HTTP server, which knows only `initialize` and sessions (2025-11-25 at most).
 * Each listens on a free loopback port and records what it was sent.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import * as z from 'zod/v4';
import { McpServer, acceptedContent, createMcpHandler, inputRequired } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { McpServer as McpServerV1 } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface ReceivedRequest {
  readonly httpMethod: string;
  readonly headers: Record<string, string>;
  readonly body: { method?: string; id?: unknown; params?: Record<string, unknown> } | undefined;
}

export interface TestServer {
  readonly mcpUrl: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

export const PROGRESS_STEPS = 3;

function v2Server(): McpServer {
  const server = new McpServer({ name: 'stateless-target', version: '2.4.0-test' });
  server.registerTool('echo', { description: 'Echoes its text', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  server.registerTool('count_steps', { description: 'Reports progress, then finishes', inputSchema: z.object({}) }, async (_args, ctx) => {
    const progressToken = ctx.mcpReq._meta?.progressToken;
    for (let step = 1; step <= PROGRESS_STEPS && progressToken !== undefined; step++) {
      await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress: step, total: PROGRESS_STEPS, message: `step ${step}` } });
    }
    return { content: [{ type: 'text', text: 'counted' }] };
  });
  const tableSchema = z.object({ time: z.string() });
  server.registerTool('book_table', { description: 'Asks the person for a time', inputSchema: z.object({ restaurant: z.string() }) }, async ({ restaurant }, ctx) => {
    const answer = acceptedContent(ctx.mcpReq.inputResponses, 'when', tableSchema);
    if (!answer) {
      return inputRequired({ inputRequests: { when: inputRequired.elicit({ message: `When at ${restaurant}?`, requestedSchema: tableSchema }) }, requestState: `booking:${restaurant}` });
    }
    return { content: [{ type: 'text', text: `booked ${restaurant} at ${answer.time} (state ${String(ctx.mcpReq.requestState())})` }] };
  });
  server.registerPrompt('greet', { description: 'Greets someone', argsSchema: z.object({ who: z.string() }) }, ({ who }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${who}` } }],
  }));
  server.registerResource('readme', 'memo://readme', { mimeType: 'text/plain', description: 'A memo' }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'read me' }],
  }));
  return server;
}

async function listen(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

const closeServer = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

function parseBody(text: string): ReceivedRequest['body'] {
  try {
    return text ? (JSON.parse(text) as ReceivedRequest['body']) : undefined;
  } catch {
    return undefined;
  }
}

/** The SDK v2 createMcpHandler, 2026-07-28 only (`legacy: 'reject'`), as its docs compose it. */
export async function startStatelessServer(): Promise<TestServer> {
  const received: ReceivedRequest[] = [];
  const handler = createMcpHandler(v2Server, { legacy: 'reject' });
  const node = toNodeHandler({
    fetch: async (request: Request) => {
      received.push({ httpMethod: request.method, headers: Object.fromEntries(request.headers), body: parseBody(await request.clone().text()) });
      return handler.fetch(request);
    },
  });
  const { server, port } = await listen((req, res) => void node(req, res));
  return {
    mcpUrl: `http://127.0.0.1:${port}/mcp`,
    received,
    close: async () => {
      await handler.close();
      await closeServer(server);
    },
  };
}

/** The SDK v1 (1.32.2) stateful server: initialize, Mcp-Session-Id, no server/discover. */
export async function startStatefulV1Server(): Promise<TestServer> {
  const received: ReceivedRequest[] = [];
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const { server, port } = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const body = parseBody(text);
      received.push({ httpMethod: req.method ?? '', headers, body });
      void (async () => {
        const sessionId = req.headers['mcp-session-id'];
        let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
        if (!transport) {
          transport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID, onsessioninitialized: (id) => void transports.set(id, transport!) });
          const mcp = new McpServerV1({ name: 'stateful-v1-target', version: '1.32.2-test' });
          mcp.registerTool('echo', { description: 'Echoes its text' }, async () => ({ content: [{ type: 'text', text: 'v1' }] }));
          mcp.registerTool('count_steps', { description: 'Reports progress, then finishes' }, async (extra) => {
            const progressToken = extra._meta?.progressToken;
            for (let step = 1; step <= PROGRESS_STEPS && progressToken !== undefined; step++) {
              await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: step, total: PROGRESS_STEPS, message: `step ${step}` } });
            }
            return { content: [{ type: 'text', text: 'counted' }] };
          });
          mcp.registerPrompt('greet', { description: 'Greets someone', argsSchema: { who: z.string() } }, ({ who }) => ({
            messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${who}` } }],
          }));
          mcp.registerResource('readme', 'memo://readme', { mimeType: 'text/plain' }, async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'read me' }] }));
          await mcp.connect(transport);
        }
        await transport.handleRequest(req, res, body);
      })();
    });
  });
  return {
    mcpUrl: `http://127.0.0.1:${port}/mcp`,
    received,
    close: async () => {
      await Promise.all([...transports.values()].map((t) => t.close()));
      await closeServer(server);
    },
  };
}

/** Both at once, for tests that compare the 2026-07-28 server with the 2025-only one. */
export async function startBothTargets(): Promise<{ stateless: TestServer; stateful: TestServer }> {
  const [stateless, stateful] = await Promise.all([startStatelessServer(), startStatefulV1Server()]);
  return { stateless, stateful };
}
