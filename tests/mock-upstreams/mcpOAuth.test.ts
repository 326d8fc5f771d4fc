/**
 * Atlassian's MCP server as a generic MCP-OAuth upstream, driven by the MCP SDK's own OAuth client:
 * RFC 9728 discovery from the 401, RFC 8414 metadata, RFC 7591 registration, PKCE, RFC 8707
 * resource — then the SDK refreshing exactly once after "expire now", and the refresh and consent
 * knobs as the SDK sees them.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { walkConsent } from './support/browserlessConsent.ts';
import { TEST_REDIRECT_URI, useMockUpstreams } from './support/harness.ts';
import { callOk } from './support/mcpSession.ts';
import { MemoryOAuthProvider } from '../support/memoryOAuthProvider.ts';

const mocks = useMockUpstreams();
const atlassian = () => mocks.current.vendors.atlassian;
const owner = () => mocks.current.fixtures.atlassian.accounts[0]!;

function transportFor(provider: MemoryOAuthProvider): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(atlassian().mcpUrl), { authProvider: provider });
}

/** SDK connect → 401 → discovery, registration, authorization URL; the test clicks Allow; finishAuth. */
async function signInWithSdk(provider = new MemoryOAuthProvider({ redirectUrl: TEST_REDIRECT_URI, clientName: 'Mock-upstreams test client' })): Promise<{ client: Client; provider: MemoryOAuthProvider }> {
  const first = transportFor(provider);
  await expect(new Client({ name: 't', version: '1' }).connect(first)).rejects.toThrow(/Unauthorized/);
  expect(provider.authorizationUrl).toBeDefined();
  const callback = await walkConsent(provider.authorizationUrl!.href, owner(), 'allow');
  await first.finishAuth(callback.searchParams.get('code')!);
  const client = new Client({ name: 't', version: '1' });
  await client.connect(transportFor(provider));
  return { client, provider };
}

describe('MCP authorization (RFC 9728, RFC 8414, RFC 7591, RFC 8707) against the Atlassian MCP server', () => {
  it('the 401 points to Protected Resource Metadata whose resource is the MCP URL', async () => {
    const response = await fetch(atlassian().mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${atlassian().mcpOAuth!.protectedResourceMetadataUrl}"`);
    const prm = (await (await fetch(atlassian().mcpOAuth!.protectedResourceMetadataUrl)).json()) as Record<string, unknown>;
    expect(prm).toMatchObject({ resource: atlassian().mcpUrl, authorization_servers: [atlassian().baseUrl] });
    const as = (await (await fetch(atlassian().mcpOAuth!.authorizationServerMetadataUrl)).json()) as Record<string, unknown>;
    expect(as).toMatchObject({ issuer: atlassian().baseUrl, registration_endpoint: atlassian().mcpOAuth!.registrationUrl, code_challenge_methods_supported: ['S256'] });
  });

  it('the SDK discovers, registers, authorizes with PKCE and resource, and then calls tools', async () => {
    const { client, provider } = await signInWithSdk();
    const url = provider.authorizationUrl!;
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('resource')).toBe(atlassian().mcpUrl);
    const found = await callOk<{ total: number }>(client, 'jira_search_issues', { jql: 'project = ENG' });
    expect(found.total).toBe(6);
    await client.close();

    const steps = atlassian().control.recording().map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        `GET /.well-known/oauth-protected-resource/v1/mcp 200`,
        'GET /.well-known/oauth-authorization-server 200',
        'POST /v1/register 201',
        'GET /v1/authorize 302',
        'POST /v1/token 200',
      ]),
    );
    expect(atlassian().control.recording({ path: '/v1/token' })).toEqual([expect.objectContaining({ grantType: 'authorization_code', credential: 'public-client' })]);
  });

  it('after "expire now" the SDK refreshes exactly once and the call succeeds', async () => {
    const { client, provider } = await signInWithSdk();
    const before = provider.tokens()!;
    atlassian().control.expireAccessTokens();
    const found = await callOk<{ total: number }>(client, 'jira_search_issues', { jql: 'project = OPS' });
    expect(found.total).toBe(6);
    expect(atlassian().control.recording({ grantType: 'refresh_token' })).toEqual([expect.objectContaining({ status: 200, path: '/v1/token' })]);
    expect(provider.tokens()!.refresh_token).not.toBe(before.refresh_token);
    await client.close();
  });

  it('refresh → invalid_grant knob: the SDK drops its tokens and starts a new authorization', async () => {
    const { client, provider } = await signInWithSdk();
    provider.authorizationUrl = undefined;
    atlassian().control.setFaults({ refreshInvalidGrant: true });
    atlassian().control.expireAccessTokens();
    await expect(callOk(client, 'jira_get_issue', { issueKey: 'ENG-1' })).rejects.toThrow(/Unauthorized/);
    expect(provider.invalidated).toContain('tokens');
    expect(provider.authorizationUrl).toBeDefined();
    expect(atlassian().control.recording({ grantType: 'refresh_token', status: 400 })).toHaveLength(1);
    await client.close();
  });

  it('consent auto-deny knob: the SDK-started authorization comes back with access_denied', async () => {
    atlassian().control.setFaults({ consentAutoDeny: true });
    const provider = new MemoryOAuthProvider({ redirectUrl: TEST_REDIRECT_URI, clientName: 'Mock-upstreams test client' });
    await expect(new Client({ name: 't', version: '1' }).connect(transportFor(provider))).rejects.toThrow(/Unauthorized/);
    const callback = await walkConsent(provider.authorizationUrl!.href, owner(), 'allow');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(provider.authorizationUrl!.searchParams.get('state'));
  });

  it('registration refuses a non-loopback http redirect URI; authorize refuses another resource', async () => {
    const bad = await fetch(atlassian().mcpOAuth!.registrationUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['http://attacker.example/cb'] }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_redirect_uri' });

    const registered = (await (
      await fetch(atlassian().mcpOAuth!.registrationUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [TEST_REDIRECT_URI], client_name: 'x' }),
      })
    ).json()) as { client_id: string };
    const url = new URL(`${atlassian().baseUrl}/v1/authorize`);
    for (const [k, v] of Object.entries({
      client_id: registered.client_id,
      redirect_uri: TEST_REDIRECT_URI,
      response_type: 'code',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      resource: 'https://mcp.example/other',
      state: 'r',
    })) url.searchParams.set(k, v);
    const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_target');

    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    url.searchParams.delete('resource');
    const noPkce = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    expect(noPkce.searchParams.get('error_description')).toBe('code_challenge is required (PKCE S256)');
  });
});
