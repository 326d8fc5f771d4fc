/**
 * An upstream MCP server scripted by the test: for each POST, `build` gets the parsed JSON-RPC body
 * and returns the McpServer to answer it with (stateless, a fresh one per request, as simple public
 * servers run) — or undefined to never answer it (a stalled upstream). For behaviours the mocks do
 * not have: a tool list that grows, a tools/list that hangs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface ScriptedUpstream {
  readonly mcpUrl: string;
  close(): Promise<void>;
}

/** `json`: answer with one JSON message instead of an SSE stream (no notifications on the way). */
export async function startScriptedUpstream(build: (body: { method?: string } | undefined) => McpServer | undefined, options: { json?: boolean } = {}): Promise<ScriptedUpstream> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { method?: string }) : undefined;
    const mcp = build(body);
    if (!mcp) return; // never answered; the socket is closed with the server
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: options.json ?? false });
    res.on('close', () => void transport.close());
    await mcp.connect(transport);
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    mcpUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
