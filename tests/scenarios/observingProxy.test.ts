/**
 * The observing proxy: a whole OAuth flow and MCP session through it work as they do directly,
 * with the gateway's origin rewritten to the proxy's both ways, every exchange recorded without
 * secret values; and each defect changes exactly what it claims.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefect, DEFECTS } from '../../scenarios/defects/catalog.ts';
import { startObservingProxy, type ObservingProxy } from '../../scenarios/runner/proxy/observingProxy.ts';
import { jsonOf } from '../../wire/jsonRpcMessages.ts';
import { INITIALIZE, mcpPost } from '../support/mcpRequests.ts';
import { connectClient, registerClient } from '../support/oauthDriver.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
let proxy: ObservingProxy;
beforeAll(async () => {
  gw = await startTestGateway();
  proxy = await startObservingProxy(gw.current.mcpUrl);
});
afterAll(async () => {
  await proxy?.close();
  await gw?.stop();
});

const proxied = () => `${proxy.url}/mcp`;

describe('Observing proxy', () => {
  it('rewrites the gateway origin to its own in metadata, so a client sees one consistent server', async () => {
    const prm = (await (await fetch(`${proxy.url}/.well-known/oauth-protected-resource/mcp`)).json()) as { resource: string; authorization_servers: string[] };
    expect(prm.resource).toBe(proxied());
    expect(prm.authorization_servers).toEqual([proxy.url]);
    const as = (await (await fetch(`${proxy.url}/.well-known/oauth-authorization-server`)).json()) as { issuer: string; token_endpoint: string };
    expect(as.issuer).toBe(proxy.url);
    expect(as.token_endpoint).toBe(`${proxy.url}/token`);
    const challenge = (await mcpPost(proxied(), INITIALIZE)).headers.get('www-authenticate');
    expect(challenge).toContain(`resource_metadata="${proxy.url}/.well-known/oauth-protected-resource/mcp"`);
  });

  it('carries a whole sign-in, consent, token and MCP session, and records it without secrets', async () => {
    proxy.clear();
    const client = await connectClient(proxy.url, proxied(), gw.current.app.directory[0]!);
    const token = String(client.tokens.access_token);
    expect((await mcpPost(proxied(), INITIALIZE, { authorization: `Bearer ${token}` })).status).toBe(200);
    const paths = proxy.exchanges.map((e) => `${e.request.method} ${e.request.path}`);
    expect(paths).toEqual(expect.arrayContaining(['POST /register', 'GET /authorize', 'POST /token', 'POST /mcp']));
    const tokenExchange = proxy.exchanges.find((e) => e.request.path === '/token')!;
    // Recorded as the client sent it; the gateway got its own origin.
    expect(new URLSearchParams(tokenExchange.request.body).get('resource')).toBe(proxied());
    expect(tokenExchange.response.status).toBe(200);
    expect(proxy.fingerprint(token)).toBe(proxy.fingerprint(token));
    expect(proxy.fingerprint(token)).not.toContain(token.slice(0, 10));
  });
});

describe('Defects', () => {
  const withDefect = async <T>(id: string, work: () => Promise<T>): Promise<T> => {
    proxy.setDefect(createDefect(id));
    try {
      return await work();
    } finally {
      proxy.setDefect(undefined);
    }
  };

  it('has the ten real-world failures, each naming requirement ids and a symptom', () => {
    expect(DEFECTS).toHaveLength(10);
    for (const defect of DEFECTS) {
      expect(defect.requirementIds.length).toBeGreaterThan(0);
      expect(defect.symptom.length).toBeGreaterThan(3);
    }
  });

  it('no-resource-metadata strips resource_metadata from the challenge', async () => {
    const challenge = await withDefect('no-resource-metadata', async () => (await mcpPost(proxied(), INITIALIZE)).headers.get('www-authenticate'));
    expect(challenge).not.toContain('resource_metadata');
  });

  it('prm-root-only hides the path-suffixed metadata and drops the path from resource', async () => {
    const [suffixed, root] = await withDefect('prm-root-only', async () => [
      (await fetch(`${proxy.url}/.well-known/oauth-protected-resource/mcp`)).status,
      (await (await fetch(`${proxy.url}/.well-known/oauth-protected-resource`)).json()) as { resource: string },
    ]);
    expect(suffixed).toBe(404);
    expect((root as { resource: string }).resource).toBe(proxy.url);
  });

  it('no-registration removes dynamic registration and CIMD', async () => {
    const [metadata, registration] = await withDefect('no-registration', async () => [
      jsonOf(await (await fetch(`${proxy.url}/.well-known/oauth-authorization-server`)).text()) as Record<string, unknown>,
      await registerClient(proxy.url, { redirect_uris: ['https://x.example/cb'] }),
    ]);
    expect((metadata as Record<string, unknown>).registration_endpoint).toBeUndefined();
    expect((metadata as Record<string, unknown>).client_id_metadata_document_supported).toBeUndefined();
    expect((registration as { status: number }).status).toBe(404);
  });

  it('redirect-not-allowed refuses the real client callbacks only', async () => {
    const [chatgpt, other] = await withDefect('redirect-not-allowed', async () => [
      await registerClient(proxy.url, { redirect_uris: ['https://chatgpt.com/connector/oauth/x'] }),
      await registerClient(proxy.url, { redirect_uris: ['https://x.example/cb'] }),
    ]);
    expect(chatgpt.status).toBe(400);
    expect(chatgpt.body.error).toBe('invalid_redirect_uri');
    expect(other.status).toBe(201);
  });

  it('no-refresh-token, resource-rejected and token-refused break the token steps they name', async () => {
    const noRefresh = await withDefect('no-refresh-token', () => connectClient(proxy.url, proxied(), gw.current.app.directory[0]!));
    expect(noRefresh.tokens.refresh_token).toBeUndefined();
    await expect(withDefect('resource-rejected', () => connectClient(proxy.url, proxied(), gw.current.app.directory[0]!))).rejects.toThrow(/invalid_target/);
    const good = await connectClient(proxy.url, proxied(), gw.current.app.directory[0]!);
    const refused = await withDefect('token-refused', async () => (await mcpPost(proxied(), INITIALIZE, { authorization: `Bearer ${good.tokens.access_token}` })).status);
    expect(refused).toBe(401);
  });
});
