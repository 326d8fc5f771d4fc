/**
 * Bad input to every endpoint gets a 4xx with an RFC error code — never a 5xx, never a stack trace,
 * never a crash — and the gateway keeps serving afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIALIZE, mcpPost } from '../support/mcpRequests.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = String((await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[0]!)).tokens.access_token);
});
afterAll(async () => gw?.stop());

interface Probe {
  readonly label: string;
  readonly path: string;
  readonly init: () => RequestInit;
  /** Acceptable `error` codes in a JSON body (RFC 6749/6750/7591/7009/8707, JSON-RPC for /mcp). */
  readonly codes: readonly (string | number)[];
}

const form = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
const jsonBody = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
const huge = 'x'.repeat(200_000);

const probes = (): Probe[] => [
  { label: 'token: no grant_type', path: '/token', init: () => form('foo=bar'), codes: ['invalid_request', 'invalid_client'] },
  { label: 'token: unknown grant', path: '/token', init: () => form('grant_type=password&username=a&password=b&client_id=x'), codes: ['unsupported_grant_type', 'invalid_client'] },
  { label: 'token: JSON body', path: '/token', init: () => jsonBody('{"grant_type":"authorization_code"}'), codes: ['invalid_request'] },
  { label: 'token: bad code', path: '/token', init: () => form('grant_type=authorization_code&code=nope&client_id=x&redirect_uri=https://a'), codes: ['invalid_client', 'invalid_grant'] },
  { label: 'token: duplicate parameters', path: '/token', init: () => form('grant_type=refresh_token&grant_type=refresh_token&refresh_token=a'), codes: ['invalid_request'] },
  { label: 'token: huge body', path: '/token', init: () => form(`grant_type=${huge}`), codes: ['invalid_request'] },
  { label: 'register: array body', path: '/register', init: () => jsonBody('[1,2]'), codes: ['invalid_request', 'invalid_client_metadata', 'invalid_redirect_uri'] },
  { label: 'register: huge body', path: '/register', init: () => jsonBody(JSON.stringify({ redirect_uris: ['https://a.example/cb'], client_name: huge })), codes: ['invalid_request', 'invalid_client_metadata'] },
  { label: 'register: form body', path: '/register', init: () => form('redirect_uris=https://a.example/cb'), codes: ['invalid_request'] },
  { label: 'revoke: no token', path: '/revoke', init: () => form('client_id=x'), codes: ['invalid_request', 'invalid_client'] },
  { label: 'authorize: no params', path: '/authorize', init: () => ({}), codes: [] },
  { label: 'authorize: unknown client', path: '/authorize?client_id=nobody&response_type=code&redirect_uri=https://a.example', init: () => ({}), codes: [] },
  { label: 'authorize: junk resource', path: '/authorize?client_id=nobody&resource=%00%01', init: () => ({}), codes: [] },
  { label: 'interaction: unknown uid', path: '/interaction/does-not-exist', init: () => ({}), codes: ['invalid_request'] },
  { label: 'interaction: POST without form', path: '/interaction/does-not-exist/consent', init: () => jsonBody('{}'), codes: ['invalid_request'] },
  { label: 'portal sign-in: JSON', path: '/portal/sign-in', init: () => jsonBody('{"email":"a"}'), codes: ['invalid_request'] },
  { label: 'portal sign-in: huge form', path: '/portal/sign-in', init: () => form(`email=${huge}`), codes: ['invalid_request'] },
  { label: 'userinfo: no token', path: '/userinfo', init: () => ({}), codes: ['invalid_token', 'invalid_request'] },
  { label: 'unknown path', path: '/nope', init: () => ({}), codes: [] },
  { label: 'mcp: not JSON', path: '/mcp', init: () => ({ ...jsonBody('<xml/>'), headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` } }), codes: [-32700] },
  { label: 'mcp: JSON but not JSON-RPC', path: '/mcp', init: () => ({ ...jsonBody('{"hello":"world"}'), headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` } }), codes: [-32000, -32600] },
  { label: 'mcp: wrong content type', path: '/mcp', init: () => ({ method: 'POST', body: 'x', headers: { 'content-type': 'text/plain', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` } }), codes: [-32700, -32000] },
  { label: 'mcp: huge body', path: '/mcp', init: () => ({ ...jsonBody(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'y'.repeat(5 * 1024 * 1024) } })), headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` } }), codes: ['invalid_request'] },
];

describe('Malformed input', () => {
  for (const probe of probes()) {
    it(`${cite('AUTH-07', 'AS-07')} ${probe.label} → 4xx with an RFC error code`, async () => {
      const response = await fetch(`${gw.current.url}${probe.path}`, { redirect: 'manual', ...probe.init() });
      expect(response.status, probe.label).toBeGreaterThanOrEqual(400);
      expect(response.status, probe.label).toBeLessThan(500);
      const text = await response.text();
      expect(text).not.toMatch(/\n\s+at .*\(/);
      if (probe.codes.length > 0) {
        const body = JSON.parse(text) as { error?: string | { code: number } };
        const code = typeof body.error === 'object' ? body.error.code : body.error;
        expect(probe.codes, `${probe.label}: ${text.slice(0, 200)}`).toContain(code);
      }
    });
  }

  it('keeps serving after all of the above', async () => {
    const response = await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(gw.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
