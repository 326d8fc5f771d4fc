/**
 * Target (d) + a consent page for (e): punkpeye's fastmcp, a different framework, with its built-in OAuth
 * proxy (`auth: new OAuthProvider(...)`): fastmcp is the authorization server MCP clients see (DCR at
 * /oauth/register, its own HTML consent page at /oauth/consent, tokens it signs itself), and it sends the
 * user on to an upstream IdP — here oauth2-mock-server 9.3.0 on another port, which approves at once (no
 * sign-in page). We only wire: ports, the upstream's endpoints, and the redirect URIs DCR may accept (fastmcp
 * refuses every URI when none are configured): loopback plus the ChatGPT and Claude (claude.ai, claude.com) callbacks.
 */
import { OAuth2Server } from 'oauth2-mock-server';
import { FastMCP, OAuthProvider } from 'fastmcp';
import * as z from 'zod/v4';
import { freePort } from '../../../stack/freePort.ts';
import { announce, exitOnSignal, keepStdoutForTheAnnouncement } from './announce.ts';

keepStdoutForTheAnnouncement();
const upstreamPort = await freePort();
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;

const upstream = new OAuth2Server();
await upstream.issuer.keys.generate('RS256');
await upstream.start(upstreamPort, '127.0.0.1');
const upstreamIssuer = upstream.issuer.url ?? `http://127.0.0.1:${upstreamPort}`;

const server = new FastMCP({
  name: 'corpus-fastmcp',
  version: '1.0.0',
  auth: new OAuthProvider({
    baseUrl,
    clientId: 'fastmcp-corpus',
    clientSecret: 'fastmcp-corpus-secret',
    authorizationEndpoint: `${upstreamIssuer}/authorize`,
    tokenEndpoint: `${upstreamIssuer}/token`,
    scopes: ['openid'],
    consentRequired: true,
    allowedRedirectUriPatterns: ['http://127.0.0.1:*', 'http://localhost:*', 'https://chatgpt.com/*', 'https://claude.ai/*', 'https://claude.com/*'],
  }),
});
server.addTool({
  name: 'echo',
  description: 'Echoes its text',
  parameters: z.object({ text: z.string() }),
  execute: async ({ text }) => text,
});
await server.start({ transportType: 'httpStream', httpStream: { host: '127.0.0.1', port, endpoint: '/mcp' } });
exitOnSignal(async () => {
  await server.stop();
  await upstream.stop();
});
announce({
  mcpUrl: `${baseUrl}/mcp`,
  authorizationServer: baseUrl,
  notes: `fastmcp 4.20.16 OAuthProxy (DCR + consent page at the MCP origin); upstream IdP oauth2-mock-server 9.3.0 at ${upstreamIssuer} (auto-approves)`,
});
