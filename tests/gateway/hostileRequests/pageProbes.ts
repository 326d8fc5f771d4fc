/**
 * Hostile requests to the pages a person uses — the User Portal, the sign-in and consent
 * interactions, the upstream OAuth callback — and to paths that do not exist. Pages may answer a
 * person with HTML; what matters is the status class: a refused form is 4xx (or a redirect back to
 * sign-in), never a 2xx that did something, never a 5xx.
 */
import { FORM, JSON_TYPE, junkBodies, junkQueries, type Expectation, type Probe, type ProbeContext } from './probe.ts';

const REFUSED: Expectation = { classes: ['3xx', '4xx'], codes: ['invalid_request', 'access_denied', 'invalid_grant', 'login_required'] };
/** Sign-in is throttled per account and IP: 429 is right too. */
const SIGN_IN: Expectation = { ...REFUSED, limited: true };
const PAGE: Expectation = { classes: ['2xx', '3xx'] };
const NOT_FOUND: Expectation = { classes: ['4xx'] };

export function pageProbes(c: ProbeContext): Probe[] {
  const probes: Probe[] = [];
  const post = (label: string, path: string, body: string | Uint8Array, expect: Expectation, headers: Record<string, string> = FORM) => probes.push({ label, method: 'POST', path, headers, body, expect });
  const get = (label: string, path: string, expect: Expectation, headers?: Record<string, string>) => probes.push({ label, method: 'GET', path, expect, ...(headers ? { headers } : {}) });
  const signedIn = { ...FORM, cookie: c.portalCookie };

  // Portal sign-in
  for (const junk of junkBodies()) post(`portal sign-in: ${junk.label}`, '/portal/sign-in', junk.body, SIGN_IN, junk.headers);
  post('portal sign-in: no CSRF token', '/portal/sign-in', 'email=a%40acme.example&password=x', SIGN_IN);
  post('portal sign-in: forged CSRF token', '/portal/sign-in', 'csrf=forged&email=a%40acme.example&password=x', SIGN_IN);
  post('portal sign-in: email with CRLF', '/portal/sign-in', `csrf=x&email=${encodeURIComponent('a@b.example\r\nBcc: evil@example.com')}&password=x`, SIGN_IN);
  post('portal sign-in: 10 KB email', '/portal/sign-in', `csrf=x&email=${'e'.repeat(10_000)}&password=x`, SIGN_IN);
  post('portal sign-in: array fields', '/portal/sign-in', 'csrf=x&email=a&email=b&password=x&password=y', SIGN_IN);
  for (const junk of junkQueries().slice(0, 4)) get(`portal sign-in page: ${junk.label}`, `/portal/sign-in?${junk.query}`, PAGE);
  get('portal sign-in page: open redirect in return_to', '/portal/sign-in?return_to=https%3A%2F%2Fevil.example%2F&next=%2F%2Fevil.example', PAGE);

  // Portal pages and forms without a session, or with a session but no CSRF token
  get('portal: home without a session', '/portal', PAGE);
  get('portal: connections without a session', '/portal/connections', { classes: ['3xx', '4xx'] });
  get('portal: connections with a forged cookie', '/portal/connections', { classes: ['3xx', '4xx'] }, { cookie: 'gangway.session=forged; gangway.session.sig=forged' });
  get('portal: connection of an unknown connector', '/portal/connections/../../etc/passwd', NOT_FOUND);
  const forms = ['/portal/connections/github/api-key', '/portal/connections/github/oauth', '/portal/connections/github/disconnect', '/portal/clients/tools', '/portal/clients/revoke', '/portal/sign-out'];
  for (const path of forms) {
    post(`portal: ${path} without a session`, path, 'csrf=x&key=ghp_x', REFUSED);
    post(`portal: ${path} signed in, no CSRF token`, path, 'key=ghp_x&client_id=x', REFUSED, signedIn);
    post(`portal: ${path} signed in, forged CSRF token`, path, 'csrf=forged&key=ghp_x&client_id=x', REFUSED, signedIn);
    post(`portal: ${path} signed in, JSON body`, path, '{"csrf":"x"}', REFUSED, { ...JSON_TYPE, cookie: c.portalCookie });
  }
  post('portal: API key for an unknown connector', '/portal/connections/evil%00/api-key', 'csrf=x&key=x', { classes: ['3xx', '4xx'] }, signedIn);
  post('portal: API key for a traversal connector', '/portal/connections/..%2f..%2fadmin/api-key', 'csrf=x&key=x', { classes: ['3xx', '4xx'] }, signedIn);
  for (const junk of junkBodies().slice(0, 8)) post(`portal: revoke, signed in, ${junk.label}`, '/portal/clients/revoke', junk.body, REFUSED, { ...junk.headers, cookie: c.portalCookie });

  // Interactions (sign-in and consent of an authorization request)
  const uid = encodeURIComponent(c.interactionUid);
  get('interaction: unknown uid', '/interaction/does-not-exist', REFUSED);
  get('interaction: huge uid', `/interaction/${'u'.repeat(4000)}`, { classes: ['3xx', '4xx'] });
  get('interaction: traversal uid', '/interaction/..%2f..%2fportal', { classes: ['3xx', '4xx'] });
  get('interaction: a real uid without its cookie', `/interaction/${uid}`, REFUSED);
  for (const action of ['login', 'consent']) {
    post(`interaction: ${action} for an unknown uid`, `/interaction/does-not-exist/${action}`, 'csrf=x&email=a&password=b', REFUSED);
    post(`interaction: ${action} for a real uid without its cookie`, `/interaction/${uid}/${action}`, 'csrf=x&email=a&password=b', REFUSED);
    post(`interaction: ${action} with a JSON body`, `/interaction/${uid}/${action}`, '{"email":"a"}', REFUSED, JSON_TYPE);
    for (const junk of junkBodies().slice(0, 6)) post(`interaction: ${action}, ${junk.label}`, `/interaction/${uid}/${action}`, junk.body, REFUSED, junk.headers);
  }
  probes.push({ label: 'interaction: DELETE', method: 'DELETE', path: `/interaction/${uid}`, expect: NOT_FOUND });

  // The upstream OAuth callback (a vendor sends the person back here)
  const callback = (query: string) => `/upstream/oauth/callback${query ? `?${query}` : ''}`;
  const callbackCases: [string, string][] = [
    ['no parameters', ''],
    ['code without state', 'code=abc'],
    ['unknown state', 'code=abc&state=forged'],
    ['error with an unknown state', 'error=access_denied&state=forged'],
    ['script in error_description', `error=access_denied&state=forged&error_description=${encodeURIComponent('<script>alert(1)</script>')}`],
    ['huge state', `code=abc&state=${'s'.repeat(8000)}`],
    ['both code and error', 'code=abc&error=server_error&state=forged'],
    ['state with NUL', 'code=abc&state=%00'],
    ['iss mix-up', 'code=abc&state=forged&iss=https%3A%2F%2Fevil.example'],
  ];
  for (const [label, query] of callbackCases) get(`upstream callback: ${label}`, callback(query), REFUSED);
  get('upstream callback: signed in, unknown state', callback('code=abc&state=forged'), REFUSED, { cookie: c.portalCookie });
  post('upstream callback: POST', callback('code=abc&state=forged'), 'code=abc', NOT_FOUND);

  // Paths that do not exist, and request shapes no endpoint accepts
  get('unknown path', '/nope', NOT_FOUND);
  get('traversal to the data directory', '/..%2f..%2f.gangway%2fdata%2fgangway.sqlite', NOT_FOUND);
  get('double-encoded traversal', '/%252e%252e/%252e%252e/etc/passwd', NOT_FOUND);
  get('backslash traversal', '/static/..\\..\\package.json', NOT_FOUND);
  get('encoded NUL path', '/portal%00.html', NOT_FOUND);
  get('PHP probe', '/wp-login.php', NOT_FOUND);
  get('git probe', '/.git/config', NOT_FOUND);
  get('env probe', '/.env', NOT_FOUND);
  get('source probe', '/gateway/app.ts', NOT_FOUND);
  get('node_modules probe', '/node_modules/koa/package.json', NOT_FOUND);
  probes.push({ label: 'PROPFIND on the root', method: 'PROPFIND', path: '/', expect: { classes: ['3xx', '4xx'] } });
  probes.push({ label: 'unknown method on /token', method: 'BREW', path: '/token', expect: { classes: ['4xx'], limited: true } });
  get('a 12 KB path', `/${'p'.repeat(12_000)}`, NOT_FOUND);
  get('root with junk query', `/?${junkQueries()[0]!.query}`, PAGE);
  return probes;
}
