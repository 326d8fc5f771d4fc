/**
 * Limits on anonymous OAuth endpoints and redirect-URI syntax (issue 11, points 3 and 6): the
 * redirect URI stored is exactly the URL users are sent to, a client registers at most a few of
 * them in a small body, one address cannot register (or hit /token and /authorize) without bound,
 * and a client nobody ever authorized expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, registerClient, tokenRequest } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

describe('Redirect URI syntax and count (RFC 7591 §2, AUTH-12)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => gw?.stop());

  const refused: [string, string, RegExp][] = [
    ['a control character', 'https://client.example/cb\u0007', /control characters/],
    ['a tab', 'https://client.example/c\tb', /control characters/],
    ['a space', 'https://client.example/c b', /whitespace/],
    ['U+2028', 'https://client.example/cb\u2028', /line separators or "\*" \(got "https:\/\/client\.example\/cb\\u2028"\)$/],
    ['U+2029', 'https://client.example/cb\u2029x', /line separators/],
    ['a wildcard', 'https://*.client.example/cb', /"\*"/],
    ['a wildcard in the path', 'https://client.example/*', /"\*"/],
    ['an upper-case host', 'https://Client.Example/cb', /canonical form: register "https:\/\/client.example\/cb"/],
    ['no path', 'https://client.example', /canonical form: register "https:\/\/client.example\/"/],
    ['a default port', 'https://client.example:443/cb', /canonical form/],
    ['a dot segment', 'https://client.example/a/../cb', /canonical form/],
    ['an unescaped non-ASCII path', 'https://client.example/café', /canonical form/],
    ['an empty fragment', 'https://client.example/cb#', /fragment/],
    ['credentials', 'https://user:pw@client.example/cb', /credentials/],
  ];
  for (const [label, uri, description] of refused) {
    it(`${cite('AS-07', 'AUTH-12')} refuses a redirect URI with ${label}: 400 invalid_redirect_uri, nothing stored`, async () => {
      const before = await gw.current.store.oidc.count('Client');
      const { status, body } = await registerClient(gw.current.url, { redirect_uris: [uri], token_endpoint_auth_method: 'none' });
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_redirect_uri');
      expect(String(body.error_description)).toMatch(description);
      expect(await gw.current.store.oidc.count('Client')).toBe(before);
    });
  }

  it(`${cite('AS-07')} accepts canonical URIs, a query, loopback with a port and percent-encoded paths`, async () => {
    const uris = ['https://client.example/cb?x=1', 'http://127.0.0.1:8123/callback', 'https://client.example/caf%C3%A9'];
    const { status, body } = await registerClient(gw.current.url, { redirect_uris: uris, token_endpoint_auth_method: 'none' });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.redirect_uris).toEqual(uris);
  });

  it(`${cite('AS-07')} refuses more than 10 redirect URIs with invalid_redirect_uri`, async () => {
    const uris = (n: number) => Array.from({ length: n }, (_, i) => `https://client.example/cb${i}`);
    expect((await registerClient(gw.current.url, { redirect_uris: uris(10), token_endpoint_auth_method: 'none' })).status).toBe(201);
    const { status, body } = await registerClient(gw.current.url, { redirect_uris: uris(11), token_endpoint_auth_method: 'none' });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_redirect_uri');
    expect(body.error_description).toBe('redirect_uris must list at most 10 URIs (got 11)');
  });

  it(`${cite('AS-07')} refuses a registration body over 16 KB with 413 before storing anything`, async () => {
    const before = await gw.current.store.oidc.count('Client');
    const response = await fetch(`${gw.current.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['https://client.example/cb'], client_name: 'x'.repeat(20_000) }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
    expect(await gw.current.store.oidc.count('Client')).toBe(before);
  });

  it(`${cite('AS-07')} applies the limit to a chunked body (no Content-Length) too, and accepts a small chunked one`, async () => {
    const chunked = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
          controller.close();
        },
      });
      return fetch(`${gw.current.url}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    };
    expect((await chunked(JSON.stringify({ redirect_uris: ['https://client.example/cb'], client_name: 'x'.repeat(20_000) }))).status).toBe(413);
    const small = await chunked(JSON.stringify({ redirect_uris: ['https://client.example/cb'], token_endpoint_auth_method: 'none' }));
    expect(small.status).toBe(201);
  });
});

describe('Per-IP rate limits on /register, /token and /authorize', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ trustProxy: true, registrationsPerIp: 3, tokenRequestsPerMinute: 4, authorizeRequestsPerMinute: 2 });
  });
  afterAll(async () => gw?.stop());

  const register = (ip: string) =>
    fetch(`${gw.current.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ redirect_uris: ['https://client.example/cb'], token_endpoint_auth_method: 'none' }),
    });

  it(`${cite('AS-07')} answers the registration over the limit with 429, Retry-After and an RFC-style error body; other addresses go on`, async () => {
    for (let i = 0; i < 3; i++) expect((await register('203.0.113.9')).status).toBe(201);
    const before = await gw.current.store.oidc.count('Client');
    const refused = await register('203.0.113.9');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { error: string; error_description: string };
    expect(body.error).toBe('temporarily_unavailable');
    expect(body.error_description).toMatch(/too many client registrations from this address; retry after \d+ seconds/);
    expect(await gw.current.store.oidc.count('Client')).toBe(before);
    expect((await register('198.51.100.7')).status).toBe(201);
  });

  it('limits token requests per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await tokenRequest(gw.current.url, { grant_type: 'refresh_token', refresh_token: 'x', client_id: 'y' }, { 'x-forwarded-for': '192.0.2.50' })).status);
    }
    // Unknown client: 401 invalid_client, until the address is over its limit.
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('limits authorization requests per address', async () => {
    const authorize = (ip: string) => fetch(`${gw.current.url}/authorize?client_id=nobody`, { redirect: 'manual', headers: { 'x-forwarded-for': ip } });
    const statuses = [(await authorize('192.0.2.60')).status, (await authorize('192.0.2.60')).status, (await authorize('192.0.2.60')).status];
    expect(statuses.slice(0, 2)).not.toContain(429);
    expect(statuses[2]).toBe(429);
    expect((await authorize('192.0.2.61')).status).not.toBe(429);
  });
});

describe('Unused registered clients expire', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ unusedClientTtl: 1 });
  });
  afterAll(async () => gw?.stop());

  it(`${cite('AS-07')} forgets a client nobody authorized, and keeps one that got a grant`, async () => {
    const unused = await registerClient(gw.current.url, { redirect_uris: ['https://client.example/cb'], token_endpoint_auth_method: 'none' });
    const used = await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[0]!);
    await new Promise((resolve) => setTimeout(resolve, 1_300));

    expect(await gw.current.store.oidc.find('Client', String(unused.body.client_id))).toBeUndefined();
    expect(await gw.current.store.oidc.find('Client', used.clientId)).toBeDefined();
    const refreshed = await tokenRequest(gw.current.url, { grant_type: 'refresh_token', refresh_token: String(used.tokens.refresh_token), client_id: used.clientId });
    expect(refreshed.status).toBe(200);
  });
});
