/**
 * Discovery documents: RFC 8414 / OIDC discovery of the authorization server and RFC 9728
 * Protected Resource Metadata of the MCP endpoint, at every location clients try.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.stop());

const getJson = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  return { response, body: (await response.json()) as Record<string, unknown> };
};

describe('Authorization server metadata (RFC 8414, OIDC Discovery)', () => {
  it(`${cite('AS-01', 'AS-02')} serves the same document at /.well-known/oauth-authorization-server and /.well-known/openid-configuration, issuer exact`, async () => {
    const rfc8414 = await getJson(`${gw.current.url}/.well-known/oauth-authorization-server`);
    const oidc = await getJson(`${gw.current.url}/.well-known/openid-configuration`);
    expect(rfc8414.response.status).toBe(200);
    expect(oidc.response.status).toBe(200);
    expect(rfc8414.body).toEqual(oidc.body);
    expect(rfc8414.body.issuer).toBe(gw.current.url);
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'revocation_endpoint', 'jwks_uri']) {
      expect(String(rfc8414.body[endpoint]).startsWith(`${gw.current.url}/`), endpoint).toBe(true);
    }
  });

  it(`${cite('AS-01')} builds endpoint URLs from the issuer even when reached under another host name`, async () => {
    const viaLocalhost = await getJson(`${gw.current.url.replace('127.0.0.1', 'localhost')}/.well-known/oauth-authorization-server`);
    expect(viaLocalhost.body.issuer).toBe(gw.current.url);
    expect(viaLocalhost.body.authorization_endpoint).toBe(`${gw.current.url}/authorize`);
  });

  it(`${cite('AS-03')} advertises only S256 PKCE`, async () => {
    const { body } = await getJson(`${gw.current.url}/.well-known/oauth-authorization-server`);
    expect(body.code_challenge_methods_supported).toEqual(['S256']);
  });

  it(`${cite('AS-05', 'CLIENT-CHATGPT-02', 'CLIENT-CLAUDE-02')} advertises CIMD, DCR and public clients (auth method none)`, async () => {
    const { body } = await getJson(`${gw.current.url}/.well-known/oauth-authorization-server`);
    expect(body.client_id_metadata_document_supported).toBe(true);
    expect(body.registration_endpoint).toBe(`${gw.current.url}/register`);
    expect(body.token_endpoint_auth_methods_supported).toContain('none');
    expect(body.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
    expect(body.response_types_supported).toEqual(['code']);
    expect(body.authorization_response_iss_parameter_supported).toBe(true);
  });

  it(`${cite('CLIENT-CHATGPT-04')} lists every scope the resource advertises, so clients that request all of them can register`, async () => {
    const as = await getJson(`${gw.current.url}/.well-known/oauth-authorization-server`);
    const prm = await getJson(`${gw.current.url}/.well-known/oauth-protected-resource/mcp`);
    expect(as.body.scopes_supported).toEqual(expect.arrayContaining(prm.body.scopes_supported as string[]));
    expect(as.body.scopes_supported).toEqual(expect.arrayContaining(['openid', 'offline_access']));
  });
});

describe('Protected Resource Metadata (RFC 9728)', () => {
  it(`${cite('AUTH-01', 'AUTH-03', 'AUTH-04')} is served at the path-suffixed location and at the root, resource = the MCP URL`, async () => {
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const { response, body } = await getJson(`${gw.current.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(body.resource).toBe(gw.current.mcpUrl);
      expect(body.resource).not.toMatch(/\/$/);
      expect(body.authorization_servers).toEqual([gw.current.url]);
      expect(body.bearer_methods_supported).toEqual(['header']);
    }
  });

  it(`${cite('AUTH-05', 'SEC-04')} keeps scopes_supported minimal: the one resource scope`, async () => {
    const { body } = await getJson(`${gw.current.url}/.well-known/oauth-protected-resource/mcp`);
    expect(body.scopes_supported).toEqual(['mcp:tools']);
  });
});

describe('CORS for browser-based clients', () => {
  const origin = 'http://localhost:6274';

  it(`${cite('CLIENT-INSPECTOR-02')} allows the Inspector to read PRM, AS metadata, and to call /register and /token`, async () => {
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server']) {
      const { response } = await getJson(`${gw.current.url}${path}`, { origin });
      expect(response.headers.get('access-control-allow-origin'), path).toMatch(/^(\*|http:\/\/localhost:6274)$/);
    }
    for (const path of ['/register', '/token']) {
      const preflight = await fetch(`${gw.current.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status, path).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin'), path).toBe(origin);
    }
    const registration = await fetch(`${gw.current.url}/register`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['http://localhost:6274/oauth/callback'], token_endpoint_auth_method: 'none', client_name: 'MCP Inspector' }),
    });
    expect(registration.status).toBe(201);
    expect(registration.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it(`${cite('CLIENT-INSPECTOR-02')} answers /mcp preflights with the MCP headers and exposes WWW-Authenticate and Mcp-Session-Id`, async () => {
    const preflight = await fetch(gw.current.mcpUrl, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, mcp-protocol-version, mcp-session-id' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    const allowed = preflight.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const header of ['authorization', 'content-type', 'mcp-protocol-version', 'mcp-session-id']) expect(allowed).toContain(header);
    const unauthenticated = await fetch(gw.current.mcpUrl, { method: 'POST', headers: { origin } });
    expect(unauthenticated.status).toBe(401);
    const exposed = unauthenticated.headers.get('access-control-expose-headers')!.toLowerCase();
    expect(exposed).toContain('www-authenticate');
    expect(exposed).toContain('mcp-session-id');
  });

  it(`${cite('CLIENT-INSPECTOR-02', 'REV26-02')} lets a browser client send the 2026-07-28 request headers: Mcp-Method, Mcp-Name and the Mcp-Param-* it asks for`, async () => {
    const preflight = await fetch(gw.current.mcpUrl, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, mcp-method, mcp-name, mcp-param-region, x-evil' },
    });
    const allowed = preflight.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const header of ['mcp-method', 'mcp-name', 'mcp-param-region']) expect(allowed).toContain(header);
    expect(allowed).not.toContain('x-evil');
  });
});
