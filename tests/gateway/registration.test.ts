/**
 * Dynamic Client Registration (RFC 7591) and the gateway's client policy: the exact RFC error codes
 * for bad input, nothing stored when registration fails, and the real callbacks of ChatGPT, Claude
 * and the MCP Inspector accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.stop());

const clientCount = () => gw.current.store.oidc.count('Client');

describe('Dynamic Client Registration (RFC 7591)', () => {
  it(`${cite('AS-07')} answers 201 with a client_id and echoes the metadata`, async () => {
    const { status, body } = await registerClient(gw.current.url, {
      client_name: 'My MCP client',
      redirect_uris: ['https://client.example/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      scope: 'mcp:tools offline_access',
    });
    expect(status).toBe(201);
    expect(typeof body.client_id).toBe('string');
    expect(body.client_secret).toBeUndefined();
    expect(body.redirect_uris).toEqual(['https://client.example/callback']);
    expect(body.client_id_issued_at).toEqual(expect.any(Number));
  });

  it(`${cite('AS-07')} issues a client secret to confidential clients that ask for client_secret_basic`, async () => {
    const { status, body } = await registerClient(gw.current.url, { redirect_uris: ['https://client.example/cb'], token_endpoint_auth_method: 'client_secret_basic' });
    expect(status).toBe(201);
    expect(typeof body.client_secret).toBe('string');
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['http redirect to a non-loopback host', { redirect_uris: ['http://client.example/callback'] }, 'invalid_redirect_uri'],
    ['javascript: redirect', { redirect_uris: ['javascript:alert(1)'] }, 'invalid_redirect_uri'],
    ['redirect with a fragment', { redirect_uris: ['https://client.example/cb#frag'] }, 'invalid_redirect_uri'],
    ['redirect_uris missing', { client_name: 'x' }, 'invalid_redirect_uri'],
    ['redirect_uris not an array', { redirect_uris: 'https://client.example/cb' }, 'invalid_redirect_uri'],
    ['unknown scope', { redirect_uris: ['https://client.example/cb'], scope: 'mcp:tools admin:everything' }, 'invalid_client_metadata'],
    ['unsupported grant type', { redirect_uris: ['https://client.example/cb'], grant_types: ['password'] }, 'invalid_client_metadata'],
    ['unknown auth method', { redirect_uris: ['https://client.example/cb'], token_endpoint_auth_method: 'magic' }, 'invalid_client_metadata'],
    ['client_name not a string', { redirect_uris: ['https://client.example/cb'], client_name: 42 }, 'invalid_client_metadata'],
  ];

  for (const [label, metadata, code] of bad) {
    it(`${cite('AS-07')} refuses ${label} with ${code} and stores nothing`, async () => {
      const before = await clientCount();
      const { status, body } = await registerClient(gw.current.url, metadata);
      expect(status).toBe(400);
      expect(body.error).toBe(code);
      expect(typeof body.error_description).toBe('string');
      expect(await clientCount()).toBe(before);
    });
  }

  it(`${cite('AS-07')} refuses a body that is not JSON with invalid_request`, async () => {
    const response = await fetch(`${gw.current.url}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
  });

  const realCallbacks: [string, string][] = [
    [cite('CLIENT-CHATGPT-01', 'AUTH-12'), 'https://chatgpt.com/connector/oauth/cb_8f2a1c'],
    [cite('CLIENT-CHATGPT-01', 'AUTH-12'), 'https://chatgpt.com/connector_platform_oauth_redirect'],
    [cite('CLIENT-CLAUDE-01', 'AUTH-12'), 'https://claude.ai/api/mcp/auth_callback'],
    [cite('CLIENT-CLAUDE-01', 'AUTH-12'), 'https://claude.com/api/mcp/auth_callback'],
    [cite('CLIENT-CLAUDE-01', 'AUTH-12'), 'http://localhost/callback'],
    [cite('CLIENT-CLAUDE-01', 'AUTH-12'), 'http://127.0.0.1/callback'],
    [cite('CLIENT-INSPECTOR-01', 'AUTH-12'), 'http://localhost:6274/oauth/callback'],
    [cite('CLIENT-INSPECTOR-01', 'AUTH-12'), 'http://localhost:6274/oauth/callback/debug'],
  ];
  for (const [citation, uri] of realCallbacks) {
    it(`${citation} registers the real callback ${uri}`, async () => {
      const { status, body } = await registerClient(gw.current.url, { redirect_uris: [uri], token_endpoint_auth_method: 'none' });
      expect(status, JSON.stringify(body)).toBe(201);
    });
  }
});
