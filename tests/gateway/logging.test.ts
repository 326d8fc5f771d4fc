/**
 * Secrets never reach logs: the redactor by field name and by value shape, and a whole sign-in,
 * token and MCP session whose captured log lines are searched for every secret it involved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact, redactString } from '../../web/redact.ts';
import { INITIALIZE, mcpPost } from '../support/mcpRequests.ts';
import { connectClient, tokenRequest } from '../support/oauthDriver.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.stop());

describe('Redaction', () => {
  it('redacts secret-named fields at any depth', () => {
    expect(redact({ password: 'p', nested: { access_token: 'a', refreshToken: 'r', client_secret: 's', code: 'c', ok: 'fine' } })).toEqual({
      password: '[redacted]',
      nested: { access_token: '[redacted]', refreshToken: '[redacted]', client_secret: '[redacted]', code: '[redacted]', ok: 'fine' },
    });
  });

  it('redacts secret-shaped values inside free text', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const text = `got ${jwt} with Bearer abc.def and /cb?code=SECRETCODE&state=s1 plus ghp_${'a'.repeat(36)} and xoxb-1234-5678-abcdef`;
    const out = redactString(text);
    for (const secret of [jwt, 'abc.def', 'SECRETCODE', `ghp_${'a'.repeat(36)}`, 'xoxb-1234-5678-abcdef']) expect(out).not.toContain(secret);
    expect(out).toContain('Bearer [redacted]');
  });

  it('keeps the auth-params of a challenge readable, however the quote was escaped, but not a credential', () => {
    for (const challenge of ['Bearer resource_metadata="https://gw/.well-known/x"', 'Bearer resource_metadata=&quot;https://gw/x&quot;', 'Bearer realm=\\"mcp\\"', 'Bearer error="invalid_token"']) {
      expect(redactString(challenge)).toBe(challenge);
    }
    // Base64 of a Basic credential may be letters only with one padding `=` before a JSON quote.
    expect(redactString('{"authorization":"Basic dXNlcjpwYXNzMTI="}')).toBe('{"authorization":"Basic [redacted]"}');
  });

  it('redacts form passwords and keys, and cookie headers serialised as name/value pairs', () => {
    const text = 'password=hunter2hunter&api_key=k-123456 {"name":"Cookie","value":"_session=abc\\"def"} {"name":"Accept","value":"text/html"}';
    const out = redactString(text);
    for (const secret of ['hunter2hunter', 'k-123456', '_session=abc']) expect(out).not.toContain(secret);
    expect(out).toContain('{"name":"Cookie","value":"[redacted]"}');
    expect(out).toContain('{"name":"Accept","value":"text/html"}');
  });
});

describe('Logs of a whole session', () => {
  it('contain no password, code, access token or refresh token', async () => {
    const person = gw.current.app.directory[0]!;
    const client = await connectClient(gw.current.url, gw.current.mcpUrl, person);
    const refreshed = await tokenRequest(gw.current.url, { grant_type: 'refresh_token', refresh_token: String(client.tokens.refresh_token), client_id: client.clientId });
    await mcpPost(gw.current.mcpUrl, INITIALIZE, { authorization: `Bearer ${refreshed.body.access_token}` });
    await mcpPost(`${gw.current.mcpUrl}?access_token=${client.tokens.access_token}`, INITIALIZE);
    const all = gw.logs.join('\n');
    expect(gw.logs.length).toBeGreaterThan(10);
    for (const secret of [person.password, String(client.tokens.access_token), String(client.tokens.refresh_token), String(refreshed.body.access_token), String(refreshed.body.refresh_token)]) {
      expect(all).not.toContain(secret);
    }
    for (const line of gw.logs) expect(() => JSON.parse(line)).not.toThrow();
  });
});
