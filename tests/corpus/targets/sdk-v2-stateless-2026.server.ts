/**
 * Target (c): an MCP server on the official TypeScript SDK v2 line (@modelcontextprotocol/server 2.4.0 +
 * @modelcontextprotocol/node 2.1.2), which speaks MCP 2026-07-28 (stateless `server/discover`, per-request
 * `_meta`) and still answers 2025-era `initialize` statelessly (its default `legacy: 'stateless'`).
 * Wired exactly as the SDK documents its fetch-handler composition: oauthMetadataResponse ?? gate ?? handler.
 * The authorization server is oauth2-mock-server 9.3.0 on ANOTHER port (issuer at the origin root). That
 * AS ignores `resource` (its access tokens carry no MCP audience), so the verifier can check only the
 * signature, issuer and expiry — recorded as a defect of this composition in tests/corpus/README.md.
 */
import http from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { OAuth2Server } from 'oauth2-mock-server';
import * as z from 'zod/v4';
import {
  McpServer,
  OAuthError,
  OAuthErrorCode,
  createMcpHandler,
  getOAuthProtectedResourceMetadataUrl,
  oauthMetadataResponse,
  requireBearerAuth,
  type OAuthMetadata,
} from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { freePort } from '../../../stack/freePort.ts';
import { announce, exitOnSignal, keepStdoutForTheAnnouncement } from './announce.ts';

keepStdoutForTheAnnouncement();
const asPort = await freePort();
const mcpPort = await freePort();
const mcpUrl = `http://127.0.0.1:${mcpPort}/mcp`;

const authorizationServer = new OAuth2Server();
await authorizationServer.issuer.keys.generate('RS256');
await authorizationServer.start(asPort, '127.0.0.1');
const issuer = authorizationServer.issuer.url ?? `http://127.0.0.1:${asPort}`;
// The SDK serves the AS metadata it is given verbatim (RFC 8414 copy on the MCP origin): give it the AS's own.
const oauthMetadata = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as OAuthMetadata;

const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
const verifier = {
  async verifyAccessToken(token: string) {
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer });
      return {
        token,
        clientId: String(payload.client_id ?? payload.aud ?? ''),
        scopes: String(payload.scope ?? '').split(' ').filter(Boolean),
        expiresAt: payload.exp,
      };
    } catch (error) {
      throw new OAuthError(OAuthErrorCode.InvalidToken, error instanceof Error ? error.message : 'invalid token');
    }
  },
};

const handler = createMcpHandler(() => {
  const server = new McpServer({ name: 'corpus-sdk-v2', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echoes its text', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  return server;
});
const gate = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(mcpUrl)) });
const metadataOptions = {
  oauthMetadata,
  resourceServerUrl: new URL(mcpUrl),
  scopesSupported: ['mcp:tools'],
  resourceName: 'SDK v2 corpus target',
  dangerouslyAllowInsecureIssuerUrl: true,
};

async function fetchHandler(request: Request): Promise<Response> {
  const metadata = oauthMetadataResponse(request, metadataOptions);
  if (metadata) return metadata;
  if (new URL(request.url).pathname !== '/mcp') return new Response('Not Found', { status: 404 });
  const auth = await gate(request);
  if (auth instanceof Response) return auth;
  return handler.fetch(request, { authInfo: auth });
}

const httpServer = http.createServer(toNodeHandler({ fetch: fetchHandler }, { onerror: (error) => console.error(error) }));
await new Promise<void>((resolve) => httpServer.listen(mcpPort, '127.0.0.1', resolve));
exitOnSignal(async () => {
  await handler.close();
  await new Promise((resolve) => httpServer.close(resolve));
  await authorizationServer.stop();
});
announce({
  mcpUrl,
  authorizationServer: issuer,
  notes: '@modelcontextprotocol/server 2.4.0 + @modelcontextprotocol/node 2.1.2 (2026-07-28 server/discover + stateless 2025 fallback); AS oauth2-mock-server 9.3.0 on another port, auto-approves, no registration endpoint',
});
