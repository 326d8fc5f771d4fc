/**
 * One hostile request and what the specifications say it must get: a status class and, where the
 * endpoint speaks an RFC error format, the acceptable `error` codes (RFC 6749 §5.2 token, §4.1.2.1
 * authorization redirects, RFC 6750 §3.1 bearer, RFC 7591 §3.2.2 registration, RFC 7009 revocation,
 * RFC 8707 invalid_target; JSON-RPC 2.0 codes on /mcp). Expectations are about the spec, not about
 * wording or page layout, so other engineers can change error pages and limits freely.
 */
export type StatusClass = '2xx' | '3xx' | '4xx';

export interface Expectation {
  /** Any status in one of these classes passes; 429 always passes where `limited` is set. */
  readonly classes: readonly StatusClass[];
  /** Acceptable `error` codes (string) or JSON-RPC error codes (number), when the body is JSON with an error. */
  readonly codes?: readonly (string | number)[];
  /** The endpoint is rate-limited per IP (/register, /token, /authorize, sign-in): 429 is a correct answer too. */
  readonly limited?: boolean;
  /** An API endpoint: an error must be JSON, never an HTML page. */
  readonly json?: boolean;
}

export interface Probe {
  readonly label: string;
  readonly method: string;
  /** Path and query, relative to the gateway's origin. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
  readonly expect: Expectation;
}

/** What the table needs from the running gateway (known after start-up). */
export interface ProbeContext {
  readonly mcpUrl: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** A registered public client and its redirect URI: errors about it are redirected there (RFC 6749 §4.1.2.1). */
  readonly clientId: string;
  readonly redirectUri: string;
  /** An MCP session of the token's user. */
  readonly sessionId: string;
  /** An interaction in progress (the sign-in page of an authorization request). */
  readonly interactionUid: string;
  /** Cookies of a signed-in portal session. */
  readonly portalCookie: string;
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' } as const;
export const JSON_TYPE = { 'content-type': 'application/json' } as const;

/** Hostile bodies every POST endpoint gets, whatever it expects. */
export function junkBodies(): { label: string; headers: Record<string, string>; body: string | Uint8Array }[] {
  return [
    { label: 'empty body', headers: FORM, body: '' },
    { label: 'NUL bytes', headers: FORM, body: 'a=\u0000\u0000&b=%00' },
    { label: 'invalid UTF-8', headers: FORM, body: new Uint8Array([0x61, 0x3d, 0xff, 0xfe, 0xc3, 0x28]) },
    { label: '300 KB body', headers: FORM, body: `a=${'x'.repeat(300_000)}` },
    { label: 'deeply nested JSON', headers: JSON_TYPE, body: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
    { label: 'prototype pollution', headers: JSON_TYPE, body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}' },
    { label: '3000 parameters', headers: FORM, body: Array.from({ length: 3000 }, (_, i) => `p${i}=${i}`).join('&') },
    { label: 'CRLF injection', headers: FORM, body: 'grant_type=x%0d%0aSet-Cookie:%20pwned=1&email=a%0d%0aX-Injected:%201' },
    { label: 'bad percent-encoding', headers: FORM, body: 'a=%zz%&b=%E0%A4%A' },
    { label: 'script and SQL', headers: FORM, body: `email=${encodeURIComponent("<script>alert(1)</script>' OR 1=1 --")}&password=x` },
    { label: 'wrong content type', headers: { 'content-type': 'text/plain' }, body: 'hello' },
    { label: 'multipart without boundary', headers: { 'content-type': 'multipart/form-data' }, body: '--x\r\n\r\n' },
    { label: 'JSON where a form is expected', headers: JSON_TYPE, body: '{"grant_type":"authorization_code","email":"a@b"}' },
    { label: 'U+2028 and RTL override', headers: FORM, body: `a=${encodeURIComponent('\u2028\u202e\ufeff')}` },
  ];
}

/** Hostile query strings every GET endpoint gets. */
export function junkQueries(): { label: string; query: string }[] {
  return [
    { label: 'NUL in query', query: 'a=%00&b=\u0000' },
    { label: 'bad percent-encoding', query: 'a=%zz%&b=%E0%A4%A' },
    { label: 'script in query', query: `x=${encodeURIComponent('"><script>alert(1)</script>')}` },
    { label: '6 KB query', query: `a=${'y'.repeat(6000)}` },
    { label: 'duplicate parameters', query: 'client_id=a&client_id=b&state=1&state=2' },
    { label: 'CRLF in query', query: 'redirect_uri=%0d%0aLocation:%20https://evil.example' },
  ];
}
