/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document): the client_id is an
 * https URL; the gateway fetches the document through its SSRF guard and trusts it only when it is
 * well-formed and names itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeUrl, CookieJar, pkcePair, tokenRequest, walkAuthorization } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { json, startTlsTestServer, type TlsTestServer } from '../support/tlsTestServer.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
let site: TlsTestServer;
beforeAll(async () => {
  site = await startTlsTestServer();
  gw = await startTestGateway({ outboundAllow: [site.origin], outboundCaFile: site.caFile });
});
afterAll(async () => {
  await gw?.stop();
  await site?.close();
});

const REDIRECT = 'https://app.example/oauth/callback';

function publish(path: string, document: (clientId: string) => Record<string, unknown>, headers: Record<string, string> = {}): string {
  const clientId = `${site.origin}${path}`;
  site.route(path, json(document(clientId), headers));
  return clientId;
}

async function authorize(clientId: string, redirectUri = REDIRECT) {
  const { verifier, challenge } = pkcePair();
  const jar = new CookieJar();
  const url = authorizeUrl(gw.current.url, { clientId, redirectUri, scope: 'mcp:tools', resource: gw.current.mcpUrl, codeChallenge: challenge, codeChallengeMethod: 'S256' });
  return { jar, url, verifier, outcome: () => walkAuthorization(jar, url, redirectUri, gw.current.app.directory[0]!) };
}

describe('Client ID Metadata Documents', () => {
  it(`${cite('AS-05', 'AS-06', 'CLIENT-CHATGPT-02')} accepts a well-formed document, shows its host on the consent page, and completes the flow`, async () => {
    const clientId = publish('/good-client.json', (id) => ({
      client_id: id,
      client_name: 'Metadata Document Client',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    }));
    const flow = await authorize(clientId);
    const outcome = await flow.outcome();
    const consent = outcome.pages.find((p) => p.html.includes('Authorize Tool Access'))!;
    expect(consent.html).toContain('Authorize Tool Access for Metadata Document Client');
    expect(consent.html).toContain(`published by 127.0.0.1:${site.port}`);
    expect(consent.html).toContain('data-testid="redirect-host">app.example<');
    expect(consent.html).not.toContain('localhost-warning');
    const code = new URL(outcome.redirectedTo!).searchParams.get('code')!;
    const tokens = await tokenRequest(gw.current.url, { grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: REDIRECT, code_verifier: flow.verifier, resource: gw.current.mcpUrl });
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
  });

  it(`${cite('AS-06')} warns on the consent page when every redirect URI is on this computer`, async () => {
    const local = 'http://127.0.0.1:47001/callback';
    const clientId = publish('/local-client.json', (id) => ({ client_id: id, client_name: 'Local Tool', redirect_uris: [local], token_endpoint_auth_method: 'none' }));
    const outcome = await (await authorize(clientId, local)).outcome();
    const consent = outcome.pages.find((p) => p.html.includes('Authorize Tool Access'))!;
    expect(consent.html).toContain('data-testid="localhost-warning"');
  });

  const refusals: [string, string, (id: string) => Record<string, unknown>, Record<string, string>?][] = [
    ['a client_id that differs from the document URL', '/mismatch.json', () => ({ client_id: 'https://someone-else.example/client.json', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' })],
    ['a document carrying a client_secret', '/secret.json', (id) => ({ client_id: id, client_secret: 'shh', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' })],
    ['a redirect URI the document does not list', '/other-redirect.json', (id) => ({ client_id: id, redirect_uris: ['https://app.example/elsewhere'], token_endpoint_auth_method: 'none' })],
    ['an oversized document', '/huge.json', (id) => ({ client_id: id, redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none', client_name: 'x'.repeat(8 * 1024) })],
    ['an http (non-loopback) redirect URI', '/http-redirect.json', (id) => ({ client_id: id, redirect_uris: ['http://app.example/cb'], token_endpoint_auth_method: 'none' })],
  ];

  for (const [label, path, document] of refusals) {
    it(`${cite('AS-06')} refuses ${label}, without redirecting to the client`, async () => {
      const clientId = publish(path, document);
      const response = await fetch((await authorize(clientId)).url, { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toMatch(/invalid_(client|redirect_uri|client_metadata)/);
    });
  }

  it(`${cite('AS-06', 'SEC-03')} does not follow a redirect from the document URL`, async () => {
    site.route('/moved.json', (_req, res) => res.writeHead(302, { location: `${site.origin}/good-client.json` }).end());
    const before = site.requests.filter((p) => p === '/good-client.json').length;
    const response = await fetch((await authorize(`${site.origin}/moved.json`)).url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(site.requests.filter((p) => p === '/good-client.json').length).toBe(before);
  });

  it(`${cite('SEC-03')} refuses a document on a private address that is not allow-listed (localhost → 127.0.0.1)`, async () => {
    const path = '/via-localhost.json';
    site.route(path, json({ client_id: `https://localhost:${site.port}${path}`, redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }));
    const response = await fetch((await authorize(`https://localhost:${site.port}${path}`)).url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(site.requests).not.toContain(path);
  });

  it(`${cite('SEC-03')} refuses private and link-local IP literals without connecting`, async () => {
    for (const host of ['10.1.2.3', '169.254.169.254', '[fd00::1]', '192.168.1.10']) {
      const started = Date.now();
      const response = await fetch((await authorize(`https://${host}/client.json`)).url, { redirect: 'manual' });
      expect(response.status, host).toBe(400);
      expect(Date.now() - started, host).toBeLessThan(2000);
    }
  });

  it(`${cite('AS-06')} caches a fetched document by its HTTP cache headers`, async () => {
    const clientId = publish('/cached.json', (id) => ({ client_id: id, redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }), { 'cache-control': 'max-age=600' });
    await fetch((await authorize(clientId)).url, { redirect: 'manual' });
    await fetch((await authorize(clientId)).url, { redirect: 'manual' });
    expect(site.requests.filter((p) => p === '/cached.json').length).toBe(1);
  });
});
