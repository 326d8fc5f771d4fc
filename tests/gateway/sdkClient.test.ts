/**
 * The MCP SDK's own client, unmodified, against the gateway: discovery from the 401, dynamic
 * registration, authorization with PKCE and resource, sign-in and consent (walked headlessly here;
 * tests/e2e/sdkClientSignIn.spec.ts does it in Chromium), token exchange, then tools/list and a
 * whoami call that names the signed-in user.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryOAuthProvider } from '../support/memoryOAuthProvider.ts';
import { CookieJar, walkAuthorization } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.stop());

async function connectSdkClient(redirectUrl: string, clientName: string) {
  const provider = new MemoryOAuthProvider({ redirectUrl, clientName });
  const url = new URL(gw.current.mcpUrl);
  const client = new Client({ name: clientName, version: '1.0.0' });
  await expect(client.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }))).rejects.toBeInstanceOf(UnauthorizedError);

  const authorizationUrl = provider.lastAuthorizationUrl;
  const person = gw.current.app.directory[1]!;
  const outcome = await walkAuthorization(new CookieJar(), authorizationUrl.href, redirectUrl, person);
  const code = new URL(outcome.redirectedTo!).searchParams.get('code')!;

  const transport = new StreamableHTTPClientTransport(url, { authProvider: provider });
  await transport.finishAuth(code);
  const connected = new Client({ name: clientName, version: '1.0.0' });
  await connected.connect(transport);
  return { client: connected, provider, authorizationUrl, person };
}

describe('MCP SDK client against the gateway', () => {
  it(`${cite('AS-07', 'AS-03', 'AS-04', 'CLIENT-CLAUDE-01')} registers by DCR, authorizes with PKCE S256 and resource, and calls whoami as the signed-in user`, async () => {
    const { client, provider, authorizationUrl, person } = await connectSdkClient('http://localhost:43123/callback', 'SDK Test Client');
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('resource')).toBe(gw.current.mcpUrl);
    expect(provider.clientInformation()?.client_id).toBeTruthy();

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['whoami']);
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(result.structuredContent).toMatchObject({
      user: { id: person.id, email: person.email, name: person.name },
      client: { name: 'SDK Test Client', id: provider.clientInformation()?.client_id },
      scopes: ['mcp:tools'],
    });
    await client.close();
  });

  it(`${cite('LISTCHANGED-01')} declares tools.listChanged, which the gateway honours by sending the notification`, async () => {
    const { client } = await connectSdkClient('http://127.0.0.1:43124/callback', 'Capabilities Client');
    expect(client.getServerCapabilities()?.tools).toEqual({ listChanged: true });
    await client.close();
  });

  it(`${cite('SEC-05')} rejects arguments that do not fit the tool's input schema with a tool error`, async () => {
    const { client } = await connectSdkClient('http://127.0.0.1:43125/callback', 'Arguments Client');
    const result = await client.callTool({ name: 'whoami', arguments: { unexpected: 1 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('arguments.unexpected is not a known argument');
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool/);
    await client.close();
  });
});
