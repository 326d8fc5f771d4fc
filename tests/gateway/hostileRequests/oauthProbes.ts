/**
 * Hostile requests to the OAuth authorization server: /token, /register, /authorize, /revoke,
 * /userinfo, /jwks, /logout and the metadata documents.
 */
import { FORM, JSON_TYPE, junkBodies, junkQueries, type Expectation, type Probe, type ProbeContext } from './probe.ts';

const TOKEN: Expectation = { classes: ['4xx'], codes: ['invalid_request', 'invalid_client', 'invalid_grant', 'unsupported_grant_type', 'unauthorized_client', 'invalid_scope', 'invalid_target'], limited: true, json: true };
const REGISTER: Expectation = { classes: ['4xx'], codes: ['invalid_request', 'invalid_client_metadata', 'invalid_redirect_uri', 'invalid_software_statement', 'unapproved_software_statement'], limited: true, json: true };
/** RFC 6749 §4.1.2.1: with a known client and redirect URI the error goes back to the client; otherwise a page (4xx). */
const AUTHORIZE: Expectation = { classes: ['3xx', '4xx'], codes: ['invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope', 'invalid_target', 'invalid_client', 'invalid_redirect_uri', 'request_not_supported', 'request_uri_not_supported', 'unsupported_response_mode', 'invalid_request_object', 'invalid_request_uri', 'registration_not_supported', 'login_required', 'consent_required', 'interaction_required'], limited: true };
const REVOKE: Expectation = { classes: ['4xx'], codes: ['invalid_request', 'invalid_client', 'unsupported_token_type'], limited: true, json: true };
const BEARER: Expectation = { classes: ['4xx'], codes: ['invalid_token', 'invalid_request'] };
/** Metadata documents ignore a query string; other methods are not there. */
const METADATA_GET: Expectation = { classes: ['2xx'] };
const NOT_THERE: Expectation = { classes: ['4xx'] };

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export function oauthProbes(c: ProbeContext): Probe[] {
  const probes: Probe[] = [];
  const post = (label: string, path: string, body: string, expect: Expectation, headers: Record<string, string> = FORM) => probes.push({ label, method: 'POST', path, headers, body, expect });
  const get = (label: string, path: string, expect: Expectation, headers?: Record<string, string>) => probes.push({ label, method: 'GET', path, expect, ...(headers ? { headers } : {}) });

  // /token (RFC 6749 §5.2)
  for (const junk of junkBodies()) probes.push({ label: `token: ${junk.label}`, method: 'POST', path: '/token', headers: junk.headers, body: junk.body, expect: { ...TOKEN, classes: ['4xx'] } });
  const tokenCases: [string, Record<string, string>][] = [
    ['no grant_type', { client_id: c.clientId }],
    ['unknown grant_type', { grant_type: 'password', username: 'a', password: 'b', client_id: c.clientId }],
    ['client_credentials for a public client', { grant_type: 'client_credentials', client_id: c.clientId }],
    ['made-up code', { grant_type: 'authorization_code', code: 'not-a-code', client_id: c.clientId, redirect_uri: c.redirectUri, code_verifier: 'v'.repeat(43) }],
    ['code without verifier', { grant_type: 'authorization_code', code: 'abc', client_id: c.clientId, redirect_uri: c.redirectUri }],
    ['code with a short verifier', { grant_type: 'authorization_code', code: 'abc', client_id: c.clientId, redirect_uri: c.redirectUri, code_verifier: 'short' }],
    ['unknown client', { grant_type: 'authorization_code', code: 'abc', client_id: 'nobody', redirect_uri: c.redirectUri }],
    ['huge client_id', { grant_type: 'refresh_token', refresh_token: 'x', client_id: 'c'.repeat(5000) }],
    ['made-up refresh token', { grant_type: 'refresh_token', refresh_token: 'not-a-refresh-token', client_id: c.clientId }],
    ['access token used as refresh token', { grant_type: 'refresh_token', refresh_token: c.accessToken, client_id: c.clientId }],
    ['refresh token of another client', { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: 'someone-else' }],
    ['refresh with a foreign resource', { grant_type: 'refresh_token', refresh_token: 'x', client_id: c.clientId, resource: 'https://evil.example/mcp' }],
    ['refresh with a fragment resource', { grant_type: 'refresh_token', refresh_token: 'x', client_id: c.clientId, resource: `${c.mcpUrl}#frag` }],
    ['refresh with a scope escalation', { grant_type: 'refresh_token', refresh_token: 'x', client_id: c.clientId, scope: 'openid admin root' }],
    ['device code grant', { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: 'x', client_id: c.clientId }],
    ['jwt-bearer grant', { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'a.b.c', client_id: c.clientId }],
    ['token exchange grant', { grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: c.accessToken, client_id: c.clientId }],
    ['client_assertion junk', { grant_type: 'authorization_code', code: 'x', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: 'e30.e30.', client_id: c.clientId }],
    ['alg none assertion', { grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }],
    ['grant_type with NUL', { grant_type: 'authorization_code\u0000', code: 'x', client_id: c.clientId }],
  ];
  for (const [label, fields] of tokenCases) post(`token: ${label}`, '/token', form(fields), TOKEN);
  post('token: duplicate grant_type', '/token', 'grant_type=refresh_token&grant_type=authorization_code&client_id=x', TOKEN);
  post('token: Basic auth that is not base64', '/token', form({ grant_type: 'refresh_token', refresh_token: 'x' }), TOKEN, { ...FORM, authorization: 'Basic !!!not-base64!!!' });
  post('token: Basic auth and client_id disagree', '/token', form({ grant_type: 'refresh_token', refresh_token: 'x', client_id: c.clientId }), TOKEN, { ...FORM, authorization: `Basic ${Buffer.from('other:secret').toString('base64')}` });
  post('token: Bearer token as client auth', '/token', form({ grant_type: 'refresh_token', refresh_token: 'x' }), TOKEN, { ...FORM, authorization: `Bearer ${c.accessToken}` });
  // RFC 6749 §3.2: the token endpoint is POST only; how a GET is refused (404 or 405) is not prescribed.
  get('token: GET', `/token?grant_type=refresh_token&refresh_token=x&client_id=${c.clientId}`, { classes: ['4xx'], limited: true });

  // /register (RFC 7591 §3.2.2)
  for (const junk of junkBodies()) probes.push({ label: `register: ${junk.label}`, method: 'POST', path: '/register', headers: junk.headers, body: junk.body, expect: REGISTER });
  const meta = (extra: Record<string, unknown>) => JSON.stringify({ client_name: 'Probe', token_endpoint_auth_method: 'none', ...extra });
  const registerCases: [string, string][] = [
    ['no redirect_uris', meta({})],
    ['redirect_uris not an array', meta({ redirect_uris: 'https://a.example/cb' })],
    ['empty redirect_uris', meta({ redirect_uris: [] })],
    ['javascript: redirect URI', meta({ redirect_uris: ['javascript:alert(1)'] })],
    ['data: redirect URI', meta({ redirect_uris: ['data:text/html,<script>alert(1)</script>'] })],
    ['relative redirect URI', meta({ redirect_uris: ['/cb'] })],
    ['redirect URI with a fragment', meta({ redirect_uris: ['https://a.example/cb#frag'] })],
    ['redirect URI with control characters', meta({ redirect_uris: ['https://a.example/c\u0007b\u0001'] })],
    ['redirect URI with U+2028', meta({ redirect_uris: ['https://a.example/cb\u2028'] })],
    ['wildcard redirect URI', meta({ redirect_uris: ['https://*.example/cb'] })],
    ['redirect URI that is not a string', meta({ redirect_uris: [{ href: 'https://a.example' }] })],
    ['2000 redirect URIs', meta({ redirect_uris: Array.from({ length: 2000 }, (_, i) => `https://a.example/cb${i}`) })],
    ['unknown grant type', meta({ redirect_uris: ['https://a.example/cb'], grant_types: ['password'] })],
    ['implicit response type', meta({ redirect_uris: ['https://a.example/cb'], response_types: ['token'] })],
    ['unknown auth method', meta({ redirect_uris: ['https://a.example/cb'], token_endpoint_auth_method: 'telepathy' })],
    ['jwks_uri junk', meta({ redirect_uris: ['https://a.example/cb'], token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'not a url' })],
    ['jwks not an object', meta({ redirect_uris: ['https://a.example/cb'], token_endpoint_auth_method: 'private_key_jwt', jwks: 'keys' })],
    ['client_name not a string', meta({ redirect_uris: ['https://a.example/cb'], client_name: { evil: true } })],
    ['grant_types not an array', meta({ redirect_uris: ['https://a.example/cb'], grant_types: 'authorization_code' })],
    ['JSON null', 'null'],
    ['JSON string', '"register me"'],
    ['JSON number', '42'],
    ['truncated JSON', '{"redirect_uris":["https://a.example/cb"'],
  ];
  for (const [label, body] of registerCases) post(`register: ${label}`, '/register', body, REGISTER, JSON_TYPE);
  // RFC 7591 §3.1.1: a server that does not support software statements may ignore one (201) or refuse it.
  post('register: software_statement junk', '/register', meta({ redirect_uris: ['https://a.example/cb'], software_statement: 'not.a.jwt' }), { ...REGISTER, classes: ['2xx', '4xx'] }, JSON_TYPE);
  get('register: GET', '/register', { classes: ['4xx'], limited: true });
  probes.push({ label: 'register: PUT', method: 'PUT', path: '/register', headers: JSON_TYPE, body: meta({ redirect_uris: ['https://a.example/cb'] }), expect: { classes: ['4xx'], limited: true } });
  get('register: read a client without its token', `/register/${encodeURIComponent(c.clientId)}`, { classes: ['4xx'], codes: ['invalid_token', 'invalid_request', 'invalid_client'] });
  get('register: read a client with the access token', `/register/${encodeURIComponent(c.clientId)}`, { classes: ['4xx'], codes: ['invalid_token', 'invalid_request', 'invalid_client'] }, { authorization: `Bearer ${c.accessToken}` });

  // /authorize (RFC 6749 §4.1.2.1, RFC 7636, RFC 8707)
  const authz = (params: Record<string, string>) => `/authorize?${new URLSearchParams(params)}`;
  const good = { client_id: c.clientId, redirect_uri: c.redirectUri, response_type: 'code', scope: 'mcp:tools', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', state: 'probe' };
  const authorizeCases: [string, Record<string, string>][] = [
    ['no parameters', {}],
    ['unknown client', { ...good, client_id: 'nobody' }],
    ['unregistered redirect URI', { ...good, redirect_uri: 'https://evil.example/cb' }],
    ['redirect URI with an extra path', { ...good, redirect_uri: `${c.redirectUri}/../evil` }],
    ['no response_type', { ...good, response_type: '' }],
    ['implicit flow', { ...good, response_type: 'token' }],
    ['hybrid flow', { ...good, response_type: 'code id_token' }],
    ['no PKCE', { ...good, code_challenge: '', code_challenge_method: '' }],
    ['PKCE plain', { ...good, code_challenge_method: 'plain' }],
    ['PKCE challenge too short', { ...good, code_challenge: 'abc' }],
    ['foreign resource', { ...good, resource: 'https://evil.example/mcp' }],
    ['resource with a fragment', { ...good, resource: `${c.mcpUrl}#x` }],
    ['resource not a URL', { ...good, resource: 'not a url' }],
    ['request object', { ...good, request: 'eyJhbGciOiJub25lIn0.e30.' }],
    ['request_uri', { ...good, request_uri: 'https://evil.example/request.jwt' }],
    ['prompt junk', { ...good, prompt: 'none login junk' }],
    ['prompt none (nobody signed in)', { ...good, prompt: 'none' }],
    ['max_age negative', { ...good, max_age: '-5' }],
    ['script in state', { ...good, state: '"><script>alert(1)</script>' }],
    ['huge state', { ...good, state: 's'.repeat(5000) }],
    ['response_mode junk', { ...good, response_mode: 'telepathy' }],
    ['claims junk', { ...good, claims: '{not json' }],
    ['scope junk', { ...good, scope: '\u0000 admin' }],
    ['client_id with NUL', { ...good, client_id: `${c.clientId}\u0000` }],
  ];
  for (const [label, params] of authorizeCases) get(`authorize: ${label}`, authz(params), AUTHORIZE);
  for (const junk of junkQueries()) get(`authorize: ${junk.label}`, `/authorize?${junk.query}`, AUTHORIZE);
  // RFC 6749 §3.1: GET is required, POST optional — a refusal of any 4xx kind is fine.
  post('authorize: POST with junk form', '/authorize', form({ client_id: 'nobody', response_type: 'code' }), { classes: ['3xx', '4xx'], limited: true });

  // /revoke (RFC 7009), /userinfo, /jwks
  post('revoke: no token', '/revoke', form({ client_id: c.clientId }), REVOKE);
  post('revoke: no client', '/revoke', form({ token: 'x' }), REVOKE);
  post('revoke: unknown client', '/revoke', form({ token: 'x', client_id: 'nobody' }), REVOKE);
  post('revoke: unsupported token type hint', '/revoke', form({ token: 'x', token_type_hint: 'id_token', client_id: c.clientId }), { ...REVOKE, classes: ['2xx', '4xx'] });
  // RFC 7009 §2.2: an invalid token is not an error — 200.
  post('revoke: unknown token of a known client', '/revoke', form({ token: 'never-issued', client_id: c.clientId }), { classes: ['2xx'], limited: true });
  for (const junk of junkBodies().slice(0, 6)) probes.push({ label: `revoke: ${junk.label}`, method: 'POST', path: '/revoke', headers: junk.headers, body: junk.body, expect: REVOKE });
  get('userinfo: no token', '/userinfo', BEARER);
  get('userinfo: the MCP access token (another audience)', '/userinfo', BEARER, { authorization: `Bearer ${c.accessToken}` });
  get('userinfo: junk bearer', '/userinfo', BEARER, { authorization: 'Bearer a.b.c' });
  get('userinfo: token in the query', `/userinfo?access_token=${encodeURIComponent('x.y.z')}`, BEARER);
  post('jwks: POST', '/jwks', 'x', NOT_THERE);
  get('jwks: junk query', '/jwks?kid=%00', METADATA_GET);

  // /logout (OpenID RP-Initiated Logout): the page itself is fine, bad parameters are not.
  get('logout: plain GET shows the page', '/logout', { classes: ['2xx', '3xx'] });
  get('logout: junk id_token_hint', '/logout?id_token_hint=not.a.jwt', { classes: ['4xx'], codes: ['invalid_request'] });
  get('logout: unregistered post_logout_redirect_uri', `/logout?client_id=${encodeURIComponent(c.clientId)}&post_logout_redirect_uri=https://evil.example/`, { classes: ['4xx'], codes: ['invalid_request'] });
  get('logout: unknown client', '/logout?client_id=nobody', { classes: ['4xx'], codes: ['invalid_client', 'invalid_request'] });
  post('logout: confirm without the xsrf token', '/logout/confirm', form({ logout: 'yes' }), { classes: ['3xx', '4xx'], codes: ['invalid_request'] });

  // Metadata (RFC 9728, RFC 8414, OIDC Discovery)
  for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
    get(`metadata: ${path} with a junk query`, `${path}?${junkQueries()[2]!.query}`, METADATA_GET);
    post(`metadata: POST ${path}`, path, '{}', NOT_THERE, JSON_TYPE);
    probes.push({ label: `metadata: DELETE ${path}`, method: 'DELETE', path, expect: NOT_THERE });
    get(`metadata: ${path} with a traversal suffix`, `${path}/..%2f..%2fetc%2fpasswd`, NOT_THERE);
  }
  get('metadata: PRM of another resource', '/.well-known/oauth-protected-resource/admin', NOT_THERE);
  get('metadata: traversal into the data directory', '/.well-known/..%2f..%2f.gangway%2fdata', NOT_THERE);
  get('metadata: encoded NUL', '/.well-known/oauth-authorization-server%00.json', NOT_THERE);
  return probes;
}
