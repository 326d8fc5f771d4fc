/**
 * A stateful upstream MCP server for tests (the SDK v1's McpServer, sessions kept per
 * Mcp-Session-Id, with its standalone GET stream): what an upstream that asks the client things or
 * announces its own changes needs. `register` adds the tools and prompts to each session's server.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface StatefulUpstream {
  readonly mcpUrl: string;
  /** GET requests received (standalone streams opened). */
  readonly streamsOpened: () => number;
  close(): Promise<void>;
}

export async function startStatefulUpstream(name: string, register: (mcp: McpServer) => void): Promise<StatefulUpstream> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  let gets = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    if (req.method === 'GET') gets++;
    let transport = transports.get(String(req.headers['mcp-session-id']));
    if (!transport) {
      const opened = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID, onsessioninitialized: (id) => void transports.set(id, opened) });
      const mcp = new McpServer({ name, version: '1.0.0' });
      register(mcp);
      await mcp.connect(opened);
      transport = opened;
    }
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    mcpUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    streamsOpened: () => gets,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
