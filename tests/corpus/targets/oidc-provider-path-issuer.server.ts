/**
 * Targets (b) and (e): panva's oidc-provider mounted under /oidc (an issuer WITH A PATH), with its own
 * development sign-in and consent pages (devInteractions: any login name and any password are accepted),
 * protecting an MCP server built from the official SDK's pieces (McpServer, StreamableHTTPServerTransport,
 * requireBearerAuth, the RFC 9728 metadata handler) on the same origin. Our code only wires them: the
 * provider keeps its defaults except the features an MCP deployment must switch on (registration,
 * resource indicators → JWT access tokens for the MCP URL) and the scope the PRM advertises.
 */
import http from 'node:http';
import express from 'express';
import Provider, { errors } from 'oidc-provider';
import * as z from 'zod/v4';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { metadataHandler } from '@modelcontextprotocol/sdk/server/auth/handlers/metadata.js';
import { getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { freePort } from '../../../stack/freePort.ts';
import { announce, exitOnSignal, keepStdoutForTheAnnouncement } from './announce.ts';
import { jwtBearerVerifier } from './jwtBearerVerifier.ts';

keepStdoutForTheAnnouncement();
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const issuer = `${origin}/oidc`;
const mcpUrl = `${origin}/mcp`;
const SCOPE = 'mcp:tools';

const provider = new Provider(issuer, {
  scopes: ['openid', 'offline_access', SCOPE],
  features: {
    devInteractions: { enabled: true },
    registration: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => mcpUrl,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resourceIndicator) => {
        if (resourceIndicator !== mcpUrl) throw new errors.InvalidTarget();
        return { scope: SCOPE, audience: mcpUrl, accessTokenFormat: 'jwt' };
      },
    },
  },
});

const verifier = jwtBearerVerifier({ issuer, jwksUrl: `${issuer}/jwks`, mcpUrl });

function mcpServer(): McpServer {
  const server = new McpServer({ name: 'corpus-oidc-provider', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echoes its text', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  return server;
}

const mcpApp = express();
mcpApp.use(express.json());
mcpApp.use(
  '/.well-known/oauth-protected-resource/mcp',
  metadataHandler({ resource: mcpUrl, authorization_servers: [issuer], scopes_supported: [SCOPE], resource_name: 'oidc-provider corpus target' }),
);
mcpApp.all(
  '/mcp',
  requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(mcpUrl)) }),
  async (req, res) => {
    // Stateless: one server and transport per request (the SDK's documented stateless idiom).
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = mcpServer();
    res.on('close', () => void transport.close().then(() => server.close()));
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  },
);

const providerCallback = provider.callback();
const httpServer = http.createServer((req, res) => {
  const url = req.url ?? '/';
  if (url === '/oidc' || url.startsWith('/oidc/') || url.startsWith('/oidc?')) {
    // Mounted as express does it (`app.use('/oidc', provider.callback())`): path stripped, originalUrl kept.
    Object.assign(req, { originalUrl: url });
    req.url = url.slice('/oidc'.length) || '/';
    void providerCallback(req, res);
    return;
  }
  mcpApp(req, res);
});
await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
exitOnSignal(() => new Promise((resolve) => httpServer.close(resolve)));
announce({
  mcpUrl,
  authorizationServer: issuer,
  notes: 'oidc-provider 9.13.3 at issuer /oidc (same origin) with devInteractions sign-in + consent pages (any login/password); MCP via @modelcontextprotocol/sdk 1.32.2 pieces',
});
