/**
 * A minimal upstream MCP server of the test's own making (SDK McpServer over stateless Streamable
 * HTTP) with an API-key check endpoint — for connectors the mocks do not cover, such as one whose
 * tool names and descriptions are hostile. With no key it is a public server (any request is
 * served), as for a connector with `auth: { none: {} }`. It records the Authorization header of
 * every MCP request, so a test can see exactly what the gateway presented (AUTH-09).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface CustomTool {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly reply: string;
}

export interface CustomUpstream {
  readonly origin: string;
  readonly mcpUrl: string;
  readonly validationUrl: string;
  /** The Authorization header of each MCP request, in order (undefined: none sent). */
  readonly authorizations: readonly (string | undefined)[];
  close(): Promise<void>;
}

/** `key` undefined: a public server that checks nothing. */
export async function startCustomUpstream(key: string | undefined, tools: readonly CustomTool[]): Promise<CustomUpstream> {
  const authorizations: (string | undefined)[] = [];
  const server: Server = createServer(async (req, res) => {
    const authorized = key === undefined || req.headers.authorization === `Bearer ${key}`;
    if (req.url !== '/whoami') authorizations.push(req.headers.authorization);
    if (req.url === '/whoami') {
      res.writeHead(authorized ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(authorized ? { login: 'tester' } : { message: 'Bad credentials' }));
      return;
    }
    if (!authorized) {
      res.writeHead(401).end();
      return;
    }
    const mcp = new McpServer({ name: 'custom-upstream', version: '1.0.0' });
    for (const tool of tools) {
      mcp.registerTool(tool.name, { title: tool.title, description: tool.description, inputSchema: {} }, async () => ({ content: [{ type: 'text', text: tool.reply }] }));
    }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void transport.close());
    await mcp.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    mcpUrl: `${origin}/mcp`,
    validationUrl: `${origin}/whoami`,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
