/**
 * An upstream MCP server of our own for the conformance run: the tools, resources and prompts the
 * suite's server scenarios use (everythingTools.ts, everythingResources.ts, everythingPrompts.ts; the
 * 2026-07-28 prerelease's in everythingRounds.ts), behind a personal API key with a "who am I" check endpoint, so the
 * gateway can offer it as an ordinary API-key connector. Sessions are kept (Streamable HTTP with
 * session ids), because the gateway keeps one upstream session per user and connector and because
 * server-to-client requests (sampling, elicitation) need the session to route the client's answer.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { registerEverythingPrompts } from './everythingPrompts.ts';
import { registerEverythingResources } from './everythingResources.ts';
import { registerEverythingRounds } from './everythingRounds.ts';
import { registerEverythingTools } from './everythingTools.ts';

export interface EverythingUpstream {
  readonly mcpUrl: string;
  readonly validationUrl: string;
  close(): Promise<void>;
}

async function readJson(req: import('node:http').IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  return body ? (JSON.parse(body) as unknown) : undefined;
}

export async function startEverythingUpstream(key: string): Promise<EverythingUpstream> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      const authorized = req.headers.authorization === `Bearer ${key}`;
      if (req.url === '/whoami') {
        res.writeHead(authorized ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(authorized ? { login: 'conformance' } : { message: 'Bad credentials' }));
        return;
      }
      if (req.url !== '/mcp') return void res.writeHead(404).end();
      if (!authorized) return void res.writeHead(401).end();
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      const sessionId = req.headers['mcp-session-id'];
      let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
      if (!transport && isInitializeRequest(body)) {
        const mcp = new McpServer({ name: 'conformance-everything', version: '1.0.0' }, { capabilities: { logging: {} } });
        registerEverythingTools(mcp);
        registerEverythingResources(mcp);
        registerEverythingPrompts(mcp);
        registerEverythingRounds(mcp);
        const opened: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
          sessionIdGenerator: randomUUID,
          onsessioninitialized: (id) => void sessions.set(id, opened),
        });
        opened.onclose = () => void (opened.sessionId && sessions.delete(opened.sessionId));
        await mcp.connect(opened);
        transport = opened;
      }
      if (!transport) return void res.writeHead(sessionId ? 404 : 400).end();
      await transport.handleRequest(req, res, body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    mcpUrl: `${origin}/mcp`,
    validationUrl: `${origin}/whoami`,
    async close() {
      await Promise.all([...sessions.values()].map((transport) => transport.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
