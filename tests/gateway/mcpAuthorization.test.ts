/**
 * The MCP endpoint as an OAuth resource server: the 401 challenge that starts discovery, and each
 * reason a token is refused — audience, issuer, type, expiry, signature, revocation, scope, and a
 * token in the URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIALIZE, mcpPost } from '../support/mcpRequests.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { forgeToken } from '../support/tokenForge.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
let validToken: string;
let grantClaims: Record<string, unknown>;
beforeAll(async () => {
  gw = await startTestGateway();
  const person = gw.current.app.directory[0]!;
  const connected = await connectClient(gw.current.url, gw.current.mcpUrl, person);
  validToken = String(connected.tokens.access_token);
  const payload = JSON.parse(Buffer.from(validToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  grantClaims = { sub: payload.sub, client_id: payload.client_id, gid: payload.gid };
});
afterAll(async () => gw?.stop());

const challengeOf = (response: Response) => response.headers.get('www-authenticate') ?? '';

describe('401 challenge (RFC 6750 §3, RFC 9728 §5.1)', () => {
  it(`${cite('AUTH-02', 'AUTH-05')} answers an unauthenticated request with resource_metadata (absolute) and scope`, async () => {
    const response = await mcpPost(gw.current.mcpUrl, INITIALIZE);
    expect(response.status).toBe(401);
    expect(challengeOf(response)).toBe(
      `Bearer resource_metadata="${gw.current.url}/.well-known/oauth-protected-resource/mcp", scope="mcp:tools"`,
    );
    const metadata = await fetch(/resource_metadata="([^"]+)"/.exec(challengeOf(response))![1]!);
    expect(metadata.status).toBe(200);
  });

  it(`${cite('AUTH-02', 'TRANSPORT-01')} challenges GET and DELETE on the endpoint too`, async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(gw.current.mcpUrl, { method, headers: { accept: 'text/event-stream' } });
      expect(response.status, method).toBe(401);
      expect(challengeOf(response)).toContain('resource_metadata=');
    }
  });

  it(`${cite('AUTH-07')} treats a non-Bearer scheme as no credentials (401) and a malformed Bearer header as a bad request (400)`, async () => {
    const basic = await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    const malformed = await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: 'Bearer two tokens' });
    expect(malformed.status).toBe(400);
    expect(challengeOf(malformed)).toContain('error="invalid_request"');
  });
});

describe('Access-token validation (RFC 9068, RFC 8707)', () => {
  it(`${cite('AUTH-08', 'SEC-01')} accepts the gateway's own token for this resource`, async () => {
    const response = await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${validToken}` });
    expect(response.status).toBe(200);
  });

  const refusals: [string, () => Promise<string>, RegExp][] = [
    ['a token for another audience', () => forgeToken(gw.current, { ...grantClaims, aud: 'https://other.example/mcp' }), /different resource/],
    ['a token for the bare origin', () => forgeToken(gw.current, { ...grantClaims, aud: gw.current.url }), /different resource/],
    ['a token from another issuer', () => forgeToken(gw.current, { ...grantClaims, iss: 'https://evil.example' }), /iss/],
    ['an expired token', () => forgeToken(gw.current, { ...grantClaims, exp: Math.floor(Date.now() / 1000) - 60 }), /expired/],
    ['an ID token (typ JWT) used as an access token', () => forgeToken(gw.current, grantClaims, { typ: 'JWT' }), /not valid/],
    ['a token whose grant does not exist', () => forgeToken(gw.current, { ...grantClaims, gid: 'no-such-grant' }), /revoked/],
    ['a token with a tampered payload', async () => {
      const [h, p, s] = validToken.split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
      return [h, Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url'), s].join('.');
    }, /not valid/],
    ['an unsigned token (alg none)', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ ...grantClaims, iss: gw.current.url, aud: gw.current.mcpUrl, exp: 9999999999, scope: 'mcp:tools' })).toString('base64url');
      return `${header}.${payload}.`;
    }, /not valid/],
  ];

  for (const [label, make, description] of refusals) {
    it(`${cite('AUTH-07', 'AUTH-08')} refuses ${label} with 401 invalid_token`, async () => {
      const response = await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${await make()}` });
      expect(response.status).toBe(401);
      expect(challengeOf(response)).toContain('error="invalid_token"');
      expect(challengeOf(response)).toContain('resource_metadata=');
      const body = (await response.json()) as { error: string; error_description: string };
      expect(body.error).toBe('invalid_token');
      expect(body.error_description).toMatch(description);
    });
  }

  it(`${cite('AUTH-06', 'AUTH-07', 'SEC-04')} answers a valid token without mcp:tools with 403 insufficient_scope naming the scope`, async () => {
    const token = await forgeToken(gw.current, { ...grantClaims, scope: 'openid' });
    const response = await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(403);
    const challenge = challengeOf(response);
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="mcp:tools"');
    expect(challenge).toContain('resource_metadata=');
  });

  it(`${cite('AUTH-10')} refuses an access token in the query string, even a valid one`, async () => {
    for (const name of ['access_token', 'token']) {
      const response = await mcpPost(`${gw.current.mcpUrl}?${name}=${validToken}`, INITIALIZE, { authorization: `Bearer ${validToken}` });
      expect(response.status).toBe(400);
      expect(challengeOf(response)).toContain('error="invalid_request"');
    }
    const onlyInUrl = await mcpPost(`${gw.current.mcpUrl}?access_token=${validToken}`, INITIALIZE);
    expect(onlyInUrl.status).toBe(400);
  });
});
