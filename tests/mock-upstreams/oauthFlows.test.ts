/**
 * Vendor OAuth servers, driven without a browser (the Chromium versions are in
 * tests/e2e/mock-upstreams): code flow with PKCE, Deny, refresh-token rotation and reuse,
 * redirect URI checks, and each vendor's own wire shape.
 */
import { describe, expect, it } from 'vitest';
import { apiKeyFor, VENDOR_IDS, type VendorId } from '../../fixtures/vendors/index.ts';
import { startMockUpstreams, type MockVendorHandle } from '../../mock-upstreams/index.ts';
import { TEST_REDIRECT_URI, useMockUpstreams } from './support/harness.ts';
import { walkConsent } from './support/browserlessConsent.ts';
import { connectMcp } from './support/mcpSession.ts';
import { authorizationUrl, errorOf, pkcePair, redeemCode, refreshWith, tokensOf, type TokenAnswer } from './support/vendorOAuth.ts';

const mocks = useMockUpstreams();

function vendor(id: VendorId): MockVendorHandle {
  return mocks.current.vendors[id];
}

function account(id: VendorId, index = 0) {
  const found = mocks.current.fixtures[id].accounts[index];
  if (!found) throw new Error(`no ${id} account #${index}`);
  return found;
}

/** The vendor's "who am I" call with an access token: true when the vendor accepts it. */
async function tokenAccepted(v: MockVendorHandle, accessToken: string): Promise<boolean> {
  const response = await fetch(v.oauth.userInfoUrl, { method: v.id === 'slack' ? 'POST' : 'GET', headers: { authorization: `Bearer ${accessToken}` } });
  if (v.id === 'slack') return ((await response.json()) as { ok: boolean }).ok;
  return response.status === 200;
}

/** Runs the whole flow for account #index and returns the vendor's token answer. */
async function authorize(id: VendorId, index = 0): Promise<TokenAnswer> {
  const v = vendor(id);
  const { verifier, challenge } = pkcePair();
  const callback = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 's1', challenge }), account(id, index), 'allow');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code in ${callback.href}`);
  return redeemCode(v, code, TEST_REDIRECT_URI, verifier);
}

/** Invalid-grant as each vendor says it: Atlassian 403 JSON, GitHub HTTP 200 body, Slack 200 ok:false. */
function expectInvalidGrant(id: VendorId, answer: TokenAnswer): void {
  expect(errorOf(answer)).toBe('invalid_grant');
  expect(answer.status).toBe(id === 'atlassian' ? 403 : 200);
  if (id === 'slack') expect(answer.body.ok).toBe(false);
}

describe.each(VENDOR_IDS)('%s OAuth code flow (RFC 6749 §4.1, PKCE RFC 7636)', (id) => {
  it('Allow → code and state to the redirect URI → tokens that work on the check endpoint and the MCP server', async () => {
    const v = vendor(id);
    const { verifier, challenge } = pkcePair();
    const callback = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 'state-123', challenge }), account(id), 'allow');
    expect(`${callback.origin}${callback.pathname}`).toBe(TEST_REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe('state-123');
    const answer = await redeemCode(v, callback.searchParams.get('code')!, TEST_REDIRECT_URI, verifier);
    const { accessToken, refreshToken } = tokensOf(v, answer);
    expect(refreshToken).toBeDefined();
    expect(await tokenAccepted(v, accessToken)).toBe(true);
    const client = await connectMcp(v.mcpUrl, `Bearer ${accessToken}`);
    expect((await client.listTools()).tools.length).toBeGreaterThanOrEqual(5);
    await client.close();
  });

  it('Deny → error=access_denied and the state go back to the redirect URI, and no code', async () => {
    const v = vendor(id);
    const callback = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 'deny-state', challenge: pkcePair().challenge }), account(id), 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('deny-state');
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('a wrong code_verifier is refused and spends the code', async () => {
    const v = vendor(id);
    const { verifier, challenge } = pkcePair();
    const callback = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 's', challenge }), account(id), 'allow');
    const code = callback.searchParams.get('code')!;
    const wrong = await redeemCode(v, code, TEST_REDIRECT_URI, pkcePair().verifier);
    expect(errorOf(wrong)).toBe({ atlassian: 'invalid_grant', github: 'bad_verification_code', slack: 'invalid_code_verifier' }[id]);
    const retry = await redeemCode(v, code, TEST_REDIRECT_URI, verifier);
    expect(errorOf(retry)).toBeDefined();
  });

  it('a code is single-use', async () => {
    const v = vendor(id);
    const { verifier, challenge } = pkcePair();
    const callback = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 's', challenge }), account(id), 'allow');
    const code = callback.searchParams.get('code')!;
    expect(errorOf(await redeemCode(v, code, TEST_REDIRECT_URI, verifier))).toBeUndefined();
    expect(errorOf(await redeemCode(v, code, TEST_REDIRECT_URI, verifier))).toBe({ atlassian: 'invalid_grant', github: 'bad_verification_code', slack: 'invalid_code' }[id]);
  });

  it('refresh rotates the refresh token; reusing the old one → invalid_grant and kills the grant', async () => {
    const v = vendor(id);
    const first = tokensOf(v, await authorize(id));
    const refreshed = await refreshWith(v, first.refreshToken!);
    const second = tokensOf(v, refreshed);
    expect(second.refreshToken).toBeDefined();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(await tokenAccepted(v, second.accessToken)).toBe(true);

    expectInvalidGrant(id, await refreshWith(v, first.refreshToken!));
    // Reuse detection revoked the whole grant: the newest refresh token is dead too.
    expectInvalidGrant(id, await refreshWith(v, second.refreshToken!));
    expect(await tokenAccepted(v, second.accessToken)).toBe(false);
  });

  it('an unknown refresh token → invalid_grant', async () => {
    expectInvalidGrant(id, await refreshWith(vendor(id), 'not-a-refresh-token'));
  });

  it('a redirect URI that is not loopback gets an error page, never a redirect', async () => {
    const v = vendor(id);
    const response = await fetch(authorizationUrl(v, { redirectUri: 'https://attacker.example/callback', state: 's', challenge: pkcePair().challenge }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri is not associated with this application');
  });

  it('an unknown client_id gets an error page', async () => {
    const url = new URL(authorizationUrl(vendor(id), { redirectUri: TEST_REDIRECT_URI, state: 's' }));
    url.searchParams.set('client_id', 'no-such-client');
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('does not belong to a registered application');
  });

  it('code_challenge_method=plain is refused (S256 only)', async () => {
    const url = new URL(authorizationUrl(vendor(id), { redirectUri: TEST_REDIRECT_URI, state: 'p', challenge: pkcePair().challenge }));
    url.searchParams.set('code_challenge_method', 'plain');
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('p');
  });

  it('a wrong password keeps the user on the login page', async () => {
    const v = vendor(id);
    const first = await fetch(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 's' }), { redirect: 'manual' });
    const login = await fetch(first.headers.get('location')!);
    const transaction = /name="transaction" value="([^"]+)"/.exec(await login.text())![1]!;
    const response = await fetch(`${v.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ transaction, email: account(id).email, password: 'wrong-password' }),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Incorrect email address or password.');
  });
});

describe('Atlassian 3LO specifics', () => {
  it('audience=api.atlassian.com is required', async () => {
    const url = new URL(authorizationUrl(vendor('atlassian'), { redirectUri: TEST_REDIRECT_URI, state: 'a' }));
    url.searchParams.delete('audience');
    const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toContain('audience must be api.atlassian.com');
  });

  it('a refresh token comes only with offline_access', async () => {
    const v = vendor('atlassian');
    const callback = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 's', scopes: ['read:jira-work'] }), account('atlassian'), 'allow');
    const answer = await redeemCode(v, callback.searchParams.get('code')!, TEST_REDIRECT_URI);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'read:jira-work' });
    expect(answer.body.refresh_token).toBeUndefined();
  });

  it('3LO has no resource indicator: a resource parameter is ignored, not refused', async () => {
    const v = vendor('atlassian');
    const url = new URL(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 's' }));
    url.searchParams.set('resource', 'https://api.atlassian.com');
    const callback = await walkConsent(url.href, account('atlassian'), 'allow');
    const response = await fetch(v.oauth.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', client_id: v.oauth.clientId, client_secret: v.oauth.clientSecret, code: callback.searchParams.get('code'), redirect_uri: TEST_REDIRECT_URI, resource: 'https://api.atlassian.com' }),
    });
    expect(response.status).toBe(200);
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    const client = await connectMcp(v.mcpUrl, `Bearer ${accessToken}`);
    expect((await client.listTools()).tools.length).toBe(8);
    await client.close();
  });

  it('accessible-resources names the cloud id the token may use', async () => {
    const v = vendor('atlassian');
    const { accessToken } = tokensOf(v, await authorize('atlassian'));
    const response = await fetch(v.oauth.accessibleResourcesUrl!, { headers: { authorization: `Bearer ${accessToken}` } });
    const sites = (await response.json()) as { id: string; url: string; scopes: string[] }[];
    expect(sites).toEqual([expect.objectContaining({ id: mocks.current.fixtures.atlassian.site.cloudId, url: v.baseUrl })]);
    expect(sites[0]!.scopes).toContain('read:jira-work');
    const withApiToken = await fetch(v.oauth.accessibleResourcesUrl!, { headers: { authorization: `Bearer ${apiKeyFor(mocks.current.fixtures.atlassian, 'valid').secret}` } });
    expect(withApiToken.status).toBe(401);
  });

  it('a wrong client secret → 401 invalid_client as JSON', async () => {
    const v = vendor('atlassian');
    const response = await fetch(v.oauth.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', client_id: v.oauth.clientId, client_secret: 'wrong', refresh_token: 'x' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });
});

describe('GitHub OAuth app specifics', () => {
  it('the token endpoint answers form-encoded unless Accept: application/json', async () => {
    const v = vendor('github');
    const { verifier, challenge } = pkcePair();
    const callback = await walkConsent(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 's', challenge }), account('github'), 'allow');
    const answer = await redeemCode(v, callback.searchParams.get('code')!, TEST_REDIRECT_URI, verifier, false);
    expect(answer.contentType).toContain('application/x-www-form-urlencoded');
    expect(answer.body.access_token).toMatch(/^ghu_[A-Za-z0-9]{36}$/);
    expect(answer.body.refresh_token).toMatch(/^ghr_/);
    expect(answer.body).toMatchObject({ token_type: 'bearer', expires_in: '28800', scope: 'repo,read:user,user:email' });
  });

  it('errors are HTTP 200 with GitHub error codes', async () => {
    const answer = await redeemCode(vendor('github'), 'bogus-code', TEST_REDIRECT_URI, undefined, false);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ error: 'bad_verification_code' });
    expect(String(answer.body.error_uri)).toContain('docs.github.com');
  });

  it('an app without expiring user tokens gets a gho_ token and no refresh token', async () => {
    const v = vendor('github');
    const classic = mocks.current.fixtures.github.oauthClients[1]!;
    const url = new URL(authorizationUrl(v, { redirectUri: TEST_REDIRECT_URI, state: 's' }));
    url.searchParams.set('client_id', classic.clientId);
    const callback = await walkConsent(url.href, account('github'), 'allow');
    const response = await fetch(v.oauth.tokenUrl, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: classic.clientId, client_secret: classic.clientSecret, code: callback.searchParams.get('code')!, redirect_uri: TEST_REDIRECT_URI }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.access_token).toMatch(/^gho_/);
    expect(body.refresh_token).toBeUndefined();
    expect(body.expires_in).toBeUndefined();
  });

  it('Deny carries GitHub’s error_description and error_uri', async () => {
    const callback = await walkConsent(authorizationUrl(vendor('github'), { redirectUri: TEST_REDIRECT_URI, state: 's' }), account('github'), 'deny');
    expect(callback.searchParams.get('error_description')).toBe('The user has denied your application access.');
    expect(callback.searchParams.get('error_uri')).toContain('docs.github.com');
  });
});

describe('Slack OAuth v2 specifics', () => {
  it('one answer carries the bot token on top and the user token under authed_user, both rotating', async () => {
    const answer = await authorize('slack');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, token_type: 'bot', bot_user_id: mocks.current.fixtures.slack.bot.userId, expires_in: 43200 });
    expect(answer.body.access_token).toMatch(/^xoxe\.xoxb-1-/);
    expect(answer.body.refresh_token).toMatch(/^xoxe-1-/);
    const user = answer.body.authed_user as Record<string, unknown>;
    expect(user).toMatchObject({ id: account('slack').id, token_type: 'user' });
    expect(user.access_token).toMatch(/^xoxe\.xoxp-1-/);
    expect(String(user.scope).split(',')).toContain('search:read');
  });

  it('oauth.v2.access errors are HTTP 200 with ok:false', async () => {
    const answer = await redeemCode(vendor('slack'), 'bogus', TEST_REDIRECT_URI);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: false, error: 'invalid_code' });
    const v = vendor('slack');
    const response = await fetch(v.oauth.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: v.oauth.clientId, client_secret: 'wrong', code: 'x' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: false, error: 'bad_client_secret' });
  });

  it('the bot token refreshes on its own and stays a bot token', async () => {
    const v = vendor('slack');
    const answer = await authorize('slack');
    const refreshed = await refreshWith(v, String(answer.body.refresh_token));
    expect(refreshed.body).toMatchObject({ ok: true, token_type: 'bot', bot_user_id: mocks.current.fixtures.slack.bot.userId });
    expect(refreshed.body.access_token).toMatch(/^xoxe\.xoxb-1-/);
  });

  it('scope and user_scope are comma-separated and checked', async () => {
    const url = new URL(authorizationUrl(vendor('slack'), { redirectUri: TEST_REDIRECT_URI, state: 'x' }));
    url.searchParams.set('scope', 'channels:read,search:read');
    const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('error_description')).toContain('search:read');
  });
});

describe('configured redirect URIs (RFC 8252 §7.3)', () => {
  it('match exactly, except that a loopback redirect may use any port', async () => {
    const upstreams = await startMockUpstreams({ redirectUris: { github: ['http://127.0.0.1:4000/oauth/github/callback'] } });
    try {
      const v = upstreams.vendors.github;
      const status = async (redirectUri: string) => (await fetch(authorizationUrl(v, { redirectUri, state: 's' }), { redirect: 'manual' })).status;
      expect(await status('http://127.0.0.1:4000/oauth/github/callback')).toBe(302);
      expect(await status('http://127.0.0.1:55123/oauth/github/callback')).toBe(302);
      expect(await status('http://127.0.0.1:4000/oauth/github/other')).toBe(400);
      expect(await status('http://localhost:4000/oauth/github/callback')).toBe(400);
      expect(v.oauth.redirectUris).toEqual(['http://127.0.0.1:4000/oauth/github/callback']);
    } finally {
      await upstreams.close();
    }
  });
});
