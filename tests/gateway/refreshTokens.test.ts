/**
 * Refresh tokens (OAuth 2.1 §4.3.1, AUTH-11): rotated on every use; the previous token retried
 * within the grace window returns the same new pair (issue 11); a rotated token replayed after the
 * client moved on or after the window revokes the whole family — refresh tokens and access tokens
 * alike — and RFC 7009 revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIALIZE, mcpPost } from '../support/mcpRequests.ts';
import { authorizeUrl, connectClient, CookieJar, pkcePair, registerClient, tokenRequest, walkAuthorization, type SignedInClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.stop());

const connect = (): Promise<SignedInClient> => connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[0]!);
const refresh = (client: SignedInClient, refreshToken: string) =>
  tokenRequest(gw.current.url, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: client.clientId });
const mcpStatus = async (accessToken: string) => (await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${accessToken}` })).status;

describe('Refresh token rotation (OAuth 2.1 §4.3.1)', () => {
  it(`${cite('AUTH-11')} returns a new refresh token on every use and the new access token works`, async () => {
    const client = await connect();
    const first = await refresh(client, String(client.tokens.refresh_token));
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toBeTruthy();
    expect(first.body.refresh_token).not.toBe(client.tokens.refresh_token);
    const second = await refresh(client, String(first.body.refresh_token));
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(await mcpStatus(String(second.body.access_token))).toBe(200);
  });

  it(`${cite('AUTH-11')} answers a retry with the previous refresh token inside the grace window with the same new pair, and the grant lives on`, async () => {
    const client = await connect();
    const original = String(client.tokens.refresh_token);
    const rotated = await refresh(client, original);
    expect(rotated.status).toBe(200);

    // The response was lost; the client retries with the token it still has.
    const retry = await refresh(client, original);
    expect(retry.status).toBe(200);
    expect(retry.body.refresh_token).toBe(rotated.body.refresh_token);
    expect(retry.body.access_token).toBe(rotated.body.access_token);
    expect(await mcpStatus(String(rotated.body.access_token))).toBe(200);

    const next = await refresh(client, String(rotated.body.refresh_token));
    expect(next.status).toBe(200);
    expect(await mcpStatus(String(next.body.access_token))).toBe(200);
  });

  it(`${cite('AUTH-11')} does not replay the new pair to another client presenting the previous token`, async () => {
    const owner = await connect();
    const thief = await connect();
    const original = String(owner.tokens.refresh_token);
    const rotated = await refresh(owner, original);
    const stolen = await refresh(thief, original);
    expect(stolen.status).toBe(400);
    expect(stolen.body.access_token).toBeUndefined();
    expect(stolen.body.refresh_token).toBeUndefined();
    expect(await mcpStatus(String(rotated.body.access_token))).toBe(200);
  });

  it(`${cite('AUTH-11')} treats reuse of a rotated refresh token after the client moved on as theft: invalid_grant, and the whole family is revoked`, async () => {
    const client = await connect();
    const original = String(client.tokens.refresh_token);
    const rotated = await refresh(client, original);
    const moved = await refresh(client, String(rotated.body.refresh_token));
    expect(moved.status).toBe(200);

    const replay = await refresh(client, original);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');

    expect((await refresh(client, String(moved.body.refresh_token))).body.error).toBe('invalid_grant');
    expect(await mcpStatus(String(moved.body.access_token))).toBe(401);
    expect(await mcpStatus(String(client.tokens.access_token))).toBe(401);
  });

  it(`${cite('AUTH-11')} answers two concurrent refreshes with the same token with one and the same new pair`, async () => {
    const client = await connect();
    const token = String(client.tokens.refresh_token);
    const results = await Promise.all([refresh(client, token), refresh(client, token)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results[0]!.body.refresh_token).toBe(results[1]!.body.refresh_token);
    expect((await refresh(client, String(results[0]!.body.refresh_token))).status).toBe(200);
  });

  it(`${cite('AUTH-11')} refuses a refresh token presented by another client`, async () => {
    const owner = await connect();
    const thief = await connect();
    const stolen = await refresh(thief, String(owner.tokens.refresh_token));
    expect(stolen.body.error).toBe('invalid_grant');
  });
});

describe('Refresh reuse grace: restarts and confidential clients', () => {
  it(`${cite('AUTH-11')} still answers the retry with the same pair after the gateway restarted in between`, async () => {
    const client = await connect();
    const original = String(client.tokens.refresh_token);
    const rotated = await refresh(client, original);
    await gw.restart();
    const retry = await refresh(client, original);
    expect(retry.status).toBe(200);
    expect(retry.body.refresh_token).toBe(rotated.body.refresh_token);
  });

  it(`${cite('AUTH-11')} replays to a confidential client only with its valid secret (client_secret_basic)`, async () => {
    const redirectUri = 'https://client.example/confidential/cb';
    const registered = await registerClient(gw.current.url, { redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_basic' });
    const clientId = String(registered.body.client_id);
    const basic = (secret: string) => ({ authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}` });
    const good = basic(String(registered.body.client_secret));
    const { verifier, challenge } = pkcePair();
    const start = authorizeUrl(gw.current.url, { clientId, redirectUri, scope: 'mcp:tools', resource: gw.current.mcpUrl, codeChallenge: challenge, codeChallengeMethod: 'S256' });
    const outcome = await walkAuthorization(new CookieJar(), start, redirectUri, gw.current.app.directory[2]!);
    const code = new URL(outcome.redirectedTo!).searchParams.get('code')!;
    const tokens = await tokenRequest(gw.current.url, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier, resource: gw.current.mcpUrl }, good);
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
    const original = String(tokens.body.refresh_token);
    const rotate = (headers: Record<string, string>) => tokenRequest(gw.current.url, { grant_type: 'refresh_token', refresh_token: original }, headers);

    const rotated = await rotate(good);
    expect(rotated.status).toBe(200);
    const wrongSecret = await rotate(basic('not-the-secret'));
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.refresh_token).toBeUndefined();
    const retry = await rotate(good);
    expect(retry.status).toBe(200);
    expect(retry.body.refresh_token).toBe(rotated.body.refresh_token);
  });
});

describe('Token revocation (RFC 7009)', () => {
  it(`${cite('AUTH-11', 'SEC-01')} revoking a refresh token ends the grant: no more refreshes, its access tokens stop working`, async () => {
    const client = await connect();
    expect(await mcpStatus(String(client.tokens.access_token))).toBe(200);
    const response = await fetch(`${gw.current.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: String(client.tokens.refresh_token), token_type_hint: 'refresh_token', client_id: client.clientId }).toString(),
    });
    expect(response.status).toBe(200);
    expect((await refresh(client, String(client.tokens.refresh_token))).body.error).toBe('invalid_grant');
    expect(await mcpStatus(String(client.tokens.access_token))).toBe(401);
  });

  it(`${cite('AUTH-07')} answers 200 for an unknown token (RFC 7009 §2.2) and 400 without one`, async () => {
    const client = await connect();
    const unknown = await fetch(`${gw.current.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'not-a-token', client_id: client.clientId }).toString(),
    });
    expect(unknown.status).toBe(200);
    const missing = await fetch(`${gw.current.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: client.clientId }).toString(),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('Refresh token reuse after the grace window', () => {
  let short: TestGateway;
  beforeAll(async () => {
    short = await startTestGateway({ refreshReuseGrace: 1 });
  });
  afterAll(async () => short?.stop());

  it(`${cite('AUTH-11')} revokes the whole family when the previous token comes back after the window`, async () => {
    const client = await connectClient(short.current.url, short.current.mcpUrl, short.current.app.directory[0]!);
    const original = String(client.tokens.refresh_token);
    const again = (token: string) => tokenRequest(short.current.url, { grant_type: 'refresh_token', refresh_token: token, client_id: client.clientId });
    const rotated = await again(original);
    expect(rotated.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_300));

    const replay = await again(original);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect((await again(String(rotated.body.refresh_token))).body.error).toBe('invalid_grant');
    expect((await mcpPost(short.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${String(rotated.body.access_token)}` })).status).toBe(401);
  });
});
