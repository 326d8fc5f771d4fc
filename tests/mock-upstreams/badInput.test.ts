/**
 * Bad input gets a clear 4xx (or the vendor's HTTP 200 error envelope), never a crash: malformed
 * bodies, repeated parameters, broken Authorization headers and oversized requests at every kind
 * of endpoint.
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useMockUpstreams } from './support/harness.ts';

const mocks = useMockUpstreams();

interface Probe {
  readonly name: string;
  readonly url: (base: string) => string;
  readonly init: RequestInit;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

const PROBES: Record<'atlassian' | 'github' | 'slack', Probe[]> = {
  atlassian: [
    { name: 'token: broken JSON', url: (b) => `${b}/oauth/token`, init: { method: 'POST', headers: JSON_TYPE, body: '{"grant_type":' } },
    { name: 'token: JSON array', url: (b) => `${b}/oauth/token`, init: { method: 'POST', headers: JSON_TYPE, body: '[1,2]' } },
    { name: 'token: non-string value', url: (b) => `${b}/oauth/token`, init: { method: 'POST', headers: JSON_TYPE, body: '{"grant_type":5}' } },
    { name: 'token: XML', url: (b) => `${b}/oauth/token`, init: { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' } },
    { name: 'mcp token: repeated parameter', url: (b) => `${b}/v1/token`, init: { method: 'POST', headers: FORM, body: 'grant_type=x&grant_type=y' } },
    { name: 'register: not JSON', url: (b) => `${b}/v1/register`, init: { method: 'POST', headers: JSON_TYPE, body: 'nope' } },
    { name: 'register: wrong types', url: (b) => `${b}/v1/register`, init: { method: 'POST', headers: JSON_TYPE, body: '{"redirect_uris":"x"}' } },
    { name: 'authorize: repeated client_id', url: (b) => `${b}/authorize?client_id=a&client_id=b`, init: {} },
    { name: 'myself: Basic without colon', url: (b) => `${b}/rest/api/3/myself`, init: { headers: { authorization: `Basic ${Buffer.from('nocolon').toString('base64')}` } } },
    { name: 'myself: unknown scheme', url: (b) => `${b}/rest/api/3/myself`, init: { headers: { authorization: 'Digest abc' } } },
    { name: 'mcp: not JSON', url: (b) => `${b}/v1/mcp`, init: { method: 'POST', headers: { ...JSON_TYPE, authorization: 'Bearer x' }, body: '{' } },
  ],
  github: [
    { name: 'token: both query and body', url: (b) => `${b}/login/oauth/access_token?code=a`, init: { method: 'POST', headers: FORM, body: 'code=b' } },
    { name: 'token: no parameters', url: (b) => `${b}/login/oauth/access_token`, init: { method: 'POST' } },
    { name: 'login: no transaction', url: (b) => `${b}/login`, init: { method: 'POST', headers: FORM, body: 'email=a' } },
    { name: 'consent: unknown transaction', url: (b) => `${b}/consent?transaction=nope`, init: {} },
    { name: 'user: header with spaces', url: (b) => `${b}/user`, init: { headers: { authorization: 'Bearer a b c' } } },
    { name: 'mcp: batch', url: (b) => `${b}/mcp`, init: { method: 'POST', headers: { ...JSON_TYPE, accept: 'application/json, text/event-stream' }, body: '[]' } },
  ],
  slack: [
    { name: 'access: JSON array', url: (b) => `${b}/api/oauth.v2.access`, init: { method: 'POST', headers: JSON_TYPE, body: '[]' } },
    { name: 'access: Basic and body secret', url: (b) => `${b}/api/oauth.v2.access`, init: { method: 'POST', headers: { ...FORM, authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, body: 'client_secret=c' } },
    { name: 'auth.test: malformed', url: (b) => `${b}/api/auth.test`, init: { method: 'POST', headers: { authorization: 'Bearer' } } },
    { name: 'authorize: no client', url: (b) => `${b}/oauth/v2/authorize`, init: {} },
    { name: 'consent: POST without session', url: (b) => `${b}/consent`, init: { method: 'POST', headers: FORM, body: 'transaction=x&decision=allow' } },
  ],
};

describe('bad input never crashes a mock', () => {
  for (const [vendor, probes] of Object.entries(PROBES) as [keyof typeof PROBES, Probe[]][]) {
    it.each(probes)(`${vendor}: $name → a clear refusal`, async (probe) => {
      const response = await fetch(probe.url(mocks.current.vendors[vendor].baseUrl), { ...probe.init, redirect: 'manual' });
      const text = await response.text();
      expect(response.status).toBeLessThan(500);
      const refused = response.status >= 400 || /"ok":false|error=|"error"/.test(text);
      expect(refused, `${response.status} ${text.slice(0, 200)}`).toBe(true);
    });
  }

  it('an oversized body is refused with 413', async () => {
    const url = new URL(`${mocks.current.vendors.github.baseUrl}/login/oauth/access_token`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(Buffer.alloc(2 * 1024 * 1024, 'a'));
    });
    expect(status).toBe(413);
  });
});
