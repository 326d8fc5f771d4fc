/**
 * The authorization and token endpoints: PKCE (RFC 7636), resource indicators (RFC 8707), redirect
 * URI matching (RFC 8252 §7.3), and the shape of the access token.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeUrl, CookieJar, pkcePair, registerClient, tokenRequest, walkAuthorization } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ accessTokenTtl: 120 });
});
afterAll(async () => gw?.stop());

async function newClient(redirectUri: string) {
  const { body } = await registerClient(gw.current.url, { redirect_uris: [redirectUri], token_endpoint_auth_method: 'none' });
  return String(body.client_id);
}

/** The gateway's first answer to /authorize: where it sends the browser. */
async function authorizeRedirect(url: string): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBeGreaterThanOrEqual(300);
  return new URL(response.headers.get('location')!, url);
}

/** Full flow with the given authorize and token parameters; returns the token response. */
async function codeFlow(opts: { redirectUri: string; requestRedirectUri?: string; resource?: string; tokenResource?: string; scope?: string }) {
  const clientId = await newClient(opts.redirectUri);
  const redirectUri = opts.requestRedirectUri ?? opts.redirectUri;
  const { verifier, challenge } = pkcePair();
  const state = 'state-123';
  const outcome = await walkAuthorization(
    new CookieJar(),
    authorizeUrl(gw.current.url, { clientId, redirectUri, scope: opts.scope ?? 'mcp:tools', resource: opts.resource, codeChallenge: challenge, codeChallengeMethod: 'S256', state }),
    redirectUri,
    gw.current.app.directory[0]!,
  );
  const back = new URL(outcome.redirectedTo!);
  const tokens = await tokenRequest(gw.current.url, {
    grant_type: 'authorization_code',
    code: back.searchParams.get('code') ?? undefined,
    client_id: clientId,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    resource: opts.tokenResource ?? opts.resource,
  });
  return { back, tokens, clientId, verifier };
}

describe('PKCE (RFC 7636)', () => {
  const redirectUri = 'https://client.example/pkce';

  it(`${cite('AS-03')} refuses an authorization request without code_challenge`, async () => {
    const clientId = await newClient(redirectUri);
    const location = await authorizeRedirect(authorizeUrl(gw.current.url, { clientId, redirectUri, scope: 'mcp:tools' }));
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it(`${cite('AS-03')} refuses code_challenge_method=plain`, async () => {
    const clientId = await newClient(redirectUri);
    const location = await authorizeRedirect(
      authorizeUrl(gw.current.url, { clientId, redirectUri, scope: 'mcp:tools', codeChallenge: 'a'.repeat(43), codeChallengeMethod: 'plain' }),
    );
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/code_challenge_method/);
  });

  it(`${cite('AS-03')} refuses a code redeemed with the wrong verifier, and the code is then dead`, async () => {
    const clientId = await newClient(redirectUri);
    const { challenge } = pkcePair();
    const outcome = await walkAuthorization(
      new CookieJar(),
      authorizeUrl(gw.current.url, { clientId, redirectUri, scope: 'mcp:tools', codeChallenge: challenge, codeChallengeMethod: 'S256' }),
      redirectUri,
      gw.current.app.directory[0]!,
    );
    const code = new URL(outcome.redirectedTo!).searchParams.get('code')!;
    const wrong = await tokenRequest(gw.current.url, { grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: redirectUri, code_verifier: pkcePair().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    const missing = await tokenRequest(gw.current.url, { grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: redirectUri });
    expect(missing.body.error).toMatch(/invalid_(grant|request)/);
  });
});

describe('Resource indicators (RFC 8707)', () => {
  const redirectUri = 'https://client.example/resource';

  it(`${cite('AS-04', 'AUTH-08', 'CLIENT-CHATGPT-03', 'CLIENT-CLAUDE-03')} puts exactly the MCP URL in aud of an at+jwt access token`, async () => {
    const { tokens, back } = await codeFlow({ redirectUri, resource: gw.current.mcpUrl });
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.get('iss')).toBe(gw.current.url);
    expect(tokens.status).toBe(200);
    const accessToken = String(tokens.body.access_token);
    expect(decodeProtectedHeader(accessToken).typ).toBe('at+jwt');
    const claims = decodeJwt(accessToken);
    expect(claims.aud).toBe(gw.current.mcpUrl);
    expect(claims.iss).toBe(gw.current.url);
    expect(claims.scope).toBe('mcp:tools');
  });

  it(`${cite('AS-04')} accepts an upper-case scheme and host and a trailing slash as the same resource`, async () => {
    const upper = gw.current.mcpUrl.replace('http://127.0.0.1', 'HTTP://127.0.0.1') + '/';
    const { tokens } = await codeFlow({ redirectUri, resource: upper });
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
    expect(decodeJwt(String(tokens.body.access_token)).aud).toBe(gw.current.mcpUrl);
  });

  for (const [label, resource] of [
    ['another host', 'https://other.example/mcp'],
    ['another path on this host', 'PATH:/admin'],
    ['the endpoint of a connector the catalogue does not have', 'PATH:/mcp/nope'],
  ] as const) {
    it(`${cite('AS-04')} answers invalid_target at /authorize for ${label}`, async () => {
      const target = resource.startsWith('PATH:') ? `${gw.current.url}${resource.slice(5)}` : resource;
      const clientId = await newClient(redirectUri);
      const location = await authorizeRedirect(
        authorizeUrl(gw.current.url, { clientId, redirectUri, scope: 'mcp:tools', resource: target, codeChallenge: pkcePair().challenge, codeChallengeMethod: 'S256' }),
      );
      expect(location.searchParams.get('error')).toBe('invalid_target');
    });
  }

  it(`${cite('AS-04')} answers invalid_target at /token for a resource other than the one granted`, async () => {
    const { tokens } = await codeFlow({ redirectUri, resource: gw.current.mcpUrl, tokenResource: 'https://other.example/mcp' });
    expect(tokens.status).toBe(400);
    expect(tokens.body.error).toBe('invalid_target');
  });

  it(`${cite('AS-04', 'AUTH-11')} issues short-lived access tokens with the configured lifetime and a refresh token`, async () => {
    const { tokens } = await codeFlow({ redirectUri, resource: gw.current.mcpUrl });
    expect(tokens.body.expires_in).toBe(120);
    expect(typeof tokens.body.refresh_token).toBe('string');
  });

  it(`${cite('SEC-04')} defaults an omitted scope to mcp:tools (RFC 6749 §3.3)`, async () => {
    const clientId = await newClient(redirectUri);
    const { verifier, challenge } = pkcePair();
    const url = new URL(authorizeUrl(gw.current.url, { clientId, redirectUri, codeChallenge: challenge, codeChallengeMethod: 'S256' }));
    const outcome = await walkAuthorization(new CookieJar(), url.href, redirectUri, gw.current.app.directory[0]!);
    const code = new URL(outcome.redirectedTo!).searchParams.get('code')!;
    const tokens = await tokenRequest(gw.current.url, { grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: redirectUri, code_verifier: verifier });
    expect(tokens.body.scope).toBe('mcp:tools');
    expect(decodeJwt(String(tokens.body.access_token)).aud).toBe(gw.current.mcpUrl);
  });
});

describe('Redirect URI matching (RFC 8252 §7.3)', () => {
  it(`${cite('AUTH-12')} refuses a redirect URI that is not registered exactly, without redirecting to it`, async () => {
    const clientId = await newClient('https://client.example/cb');
    const response = await fetch(
      authorizeUrl(gw.current.url, { clientId, redirectUri: 'https://client.example/cb/../evil', scope: 'mcp:tools', codeChallenge: pkcePair().challenge, codeChallengeMethod: 'S256' }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('invalid_redirect_uri');
  });

  it(`${cite('AUTH-12', 'CLIENT-CLAUDE-01')} accepts a loopback redirect on any port and completes the flow`, async () => {
    const { tokens } = await codeFlow({ redirectUri: 'http://127.0.0.1/callback', requestRedirectUri: 'http://127.0.0.1:51234/callback', resource: gw.current.mcpUrl });
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
  });

  for (const [label, requested] of [
    ['a different path', 'http://127.0.0.1:51234/other'],
    ['a different loopback host name', 'http://localhost:51234/callback'],
  ] as const) {
    it(`${cite('AUTH-12')} does not extend the port rule to ${label}`, async () => {
      const clientId = await newClient('http://127.0.0.1/callback');
      const response = await fetch(
        authorizeUrl(gw.current.url, { clientId, redirectUri: requested, scope: 'mcp:tools', codeChallenge: pkcePair().challenge, codeChallengeMethod: 'S256' }),
        { redirect: 'manual' },
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    });
  }
});
