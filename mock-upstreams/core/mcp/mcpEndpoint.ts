/**
 * A vendor's MCP endpoint (Streamable HTTP, stateless, JSON responses): each POST authenticates the
 * caller, builds a fresh McpServer whose tools are bound to that caller (so what a tool can see is
 * decided by the token, never by a session), answers through the SDK's web-standard transport and
 * closes it. GET and DELETE answer 405: a stateless server offers no stream and no session.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { http, type HttpHandler } from 'msw';
import type { AuthFailure, Caller } from '../callerAuth.ts';
import { jsonResponse } from '../http/responses.ts';
import type { VendorCore } from '../vendorCore.ts';

export interface McpEndpointOptions {
  readonly serverInfo: { readonly name: string; readonly title: string; readonly version: string };
  readonly instructions: string;
  /** The vendor's 401 for a missing, unknown, expired or revoked credential. */
  readonly unauthorized: (failure: AuthFailure) => Response;
  /** When set, OAuth tokens issued for another resource are refused (RFC 8707 audience). */
  readonly resource?: string | undefined;
  readonly registerTools: (server: McpServer, caller: Caller) => void;
}

export function mcpEndpoint(core: VendorCore, options: McpEndpointOptions): HttpHandler[] {
  const url = core.mcpUrl;
  const notAllowed = () =>
    jsonResponse({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this server is stateless (POST only)' }, id: null }, 405, { allow: 'POST' });

  return [
    http.post(url, async ({ request }) => {
      const outcome = core.authenticate(request, options.resource);
      if (!outcome.ok) return options.unauthorized(outcome.failure);
      const { caller } = outcome;
      const server = new McpServer(options.serverInfo, { capabilities: { tools: { listChanged: false } }, instructions: options.instructions });
      options.registerTools(server, caller);
      const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      await server.connect(transport);
      try {
        return await transport.handleRequest(request, {
          authInfo: { token: 'redacted', clientId: caller.credential, scopes: [...caller.scopes], extra: { accountId: caller.accountId } },
        });
      } finally {
        await server.close();
      }
    }),
    http.get(url, notAllowed),
    http.delete(url, notAllowed),
  ];
}
