/**
 * Target (b), a second issuer WITH A PATH: better-auth 1.7.5 with its OAuth 2.1 provider plugin
 * (@better-auth/oauth-provider 1.7.5) at basePath /api/auth (issuer http://127.0.0.1:P/api/auth), the
 * memory adapter and the jwt plugin (signing keys + JWKS), protecting an MCP server built from the
 * official SDK v1 pieces on the same origin. better-auth is headless: it has no HTML sign-in or consent
 * page of its own, so the authorization endpoint redirects to page URLs that this target does not serve;
 * its email/password API (POST /api/auth/sign-in/email) works with the seeded account.
 */
import http from 'node:http';
import express from 'express';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getSchema } from 'better-auth/db';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { jwt } from 'better-auth/plugins';
import { toNodeHandler } from 'better-auth/node';
import { oauthProvider } from '@better-auth/oauth-provider';
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
const issuer = `${origin}/api/auth`;
const mcpUrl = `${origin}/mcp`;
const SCOPE = 'mcp:tools';
const TEST_ACCOUNT = { email: 'corpus-user@example.test', password: 'corpus-password-1', name: 'Corpus User' };

const options = {
  baseURL: origin,
  basePath: '/api/auth',
  secret: 'corpus-better-auth-secret-0123456789abcdef',
  emailAndPassword: { enabled: true },
  trustedOrigins: [origin],
  plugins: [
    jwt(),
    oauthProvider({
      loginPage: '/sign-in',
      consentPage: '/consent',
      scopes: ['openid', 'profile', 'email', 'offline_access', SCOPE],
      resources: [mcpUrl],
      allowDynamicClientRegistration: true,
      allowUnauthenticatedClientRegistration: true,
      // Link every dynamically registered client to the MCP resource: without it (better-auth's
      // default, kept by the better-auth-unlinked-clients variant), authorize answers
      // error=invalid_target "client … is not linked to resource(s)".
      ...(process.env.CORPUS_BETTER_AUTH_DEFAULT_RESOURCES === 'unset' ? {} : { clientRegistrationDefaultResources: [mcpUrl] }),
    }),
  ],
} satisfies BetterAuthOptions;
// The memory adapter needs one (empty) array per table the plugins declare.
const tables = Object.fromEntries(Object.keys(getSchema(options)).map((table) => [table, [] as unknown[]]));
const auth = betterAuth({ ...options, database: memoryAdapter(tables) });
await auth.api.signUpEmail({ body: TEST_ACCOUNT });

const verifier = jwtBearerVerifier({ issuer, jwksUrl: `${issuer}/jwks`, mcpUrl });

const app = express();
app.all('/api/auth/*splat', toNodeHandler(auth));
app.use(express.json());
app.use(
  '/.well-known/oauth-protected-resource/mcp',
  metadataHandler({ resource: mcpUrl, authorization_servers: [issuer], scopes_supported: [SCOPE], resource_name: 'better-auth corpus target' }),
);
app.all('/mcp', requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(mcpUrl)) }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  const server = new McpServer({ name: 'corpus-better-auth', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echoes its text', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  res.on('close', () => void transport.close().then(() => server.close()));
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

const httpServer = http.createServer(app);
await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
exitOnSignal(() => new Promise((resolve) => httpServer.close(resolve)));
announce({
  mcpUrl,
  authorizationServer: issuer,
  notes: 'better-auth 1.7.5 + @better-auth/oauth-provider 1.7.5 at issuer /api/auth (same origin, memory adapter, jwt plugin); headless: no sign-in/consent pages; MCP via @modelcontextprotocol/sdk 1.32.2 pieces',
});
