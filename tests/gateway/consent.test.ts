/**
 * The consent page and its protections (AS-08, the confused-deputy rules): it names the client,
 * the redirect host and the scopes; every POST needs a CSRF token bound to the interaction and
 * client; it cannot be framed; approval is remembered per user and client; Cancel is access_denied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeUrl, CookieJar, pkcePair, registerClient, walkAuthorization } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.stop());

const REDIRECT = 'https://chatgpt.com/connector/oauth/cb_consent';

async function newClient(name = 'ChatGPT', redirectUri = REDIRECT) {
  const { body } = await registerClient(gw.current.url, {
    client_name: name,
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
  });
  return String(body.client_id);
}

const start = (clientId: string, redirectUri = REDIRECT, scope = 'openid offline_access mcp:tools', state = 'xyz', gateway = gw) =>
  authorizeUrl(gateway.current.url, { clientId, redirectUri, scope, resource: gateway.current.mcpUrl, codeChallenge: pkcePair().challenge, codeChallengeMethod: 'S256', state });

/** Signs in and stops on the consent page; returns the jar, page URL and HTML. */
async function reachConsent(clientId: string, person = gw.current.app.directory[0]!) {
  const jar = new CookieJar();
  let url = start(clientId);
  for (let hop = 0; hop < 10; hop++) {
    const response = await jar.fetch(url);
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    if (html.includes('name="password"')) {
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
      const action = /<form method="post" action="([^"]+)" aria-label="Sign in"/.exec(html)![1]!;
      const posted = await jar.fetch(new URL(action, url).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, email: person.email, password: person.password }).toString(),
      });
      url = new URL(posted.headers.get('location')!, url).href;
      continue;
    }
    return { jar, url, html, response, csrf: /name="csrf" value="([^"]+)"/.exec(html)![1]!, uid: new URL(url).pathname.split('/').pop()! };
  }
  throw new Error('never reached the consent page');
}

const post = (jar: CookieJar, url: string, form: Record<string, string>) =>
  jar.fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

describe('Consent page', () => {
  it(`${cite('AS-08', 'AS-06')} names the client, the host it returns to and each scope, and offers Authorize and Cancel`, async () => {
    const { html, response } = await reachConsent(await newClient('ChatGPT <b>Beta</b>'));
    expect(response.status).toBe(200);
    expect(html).toContain('<h1>Authorize Tool Access for ChatGPT &lt;b&gt;Beta&lt;/b&gt;</h1>');
    expect(html).toContain('data-testid="redirect-host">chatgpt.com<');
    for (const scope of ['openid', 'offline_access', 'mcp:tools']) expect(html).toContain(`data-scope="${scope}"`);
    expect(html).toContain('>Authorize tools</button>');
    expect(html).toContain('>Cancel</button>');
    expect(html).toContain('whoami');
  });

  it(`${cite('AS-08')} cannot be framed`, async () => {
    const { response } = await reachConsent(await newClient());
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it(`${cite('AS-08')} refuses a confirmation without the CSRF token, or with another interaction's token`, async () => {
    const first = await reachConsent(await newClient());
    const second = await reachConsent(await newClient());
    const confirm = `${gw.current.url}/interaction/${first.uid}/consent`;
    const none = await post(first.jar, confirm, { action: 'authorize' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: string }).error).toBe('invalid_request');
    const foreign = await post(first.jar, confirm, { csrf: second.csrf, action: 'authorize' });
    expect(foreign.status).toBe(400);
    const fromAnotherBrowser = await post(second.jar, confirm, { csrf: first.csrf, action: 'authorize' });
    expect(fromAnotherBrowser.status).toBe(400);
    const good = await post(first.jar, confirm, { csrf: first.csrf, action: 'authorize' });
    expect(good.status).toBe(303);
  });

  it(`${cite('AS-08')} sends access_denied (with the client's state) when the user cancels`, async () => {
    const clientId = await newClient();
    const outcome = await walkAuthorization(new CookieJar(), start(clientId), REDIRECT, gw.current.app.directory[0]!, 'deny');
    const back = new URL(outcome.redirectedTo!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('xyz');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it(`${cite('AS-08')} accepts a confirmation once: the interaction is single-use`, async () => {
    const { jar, uid, csrf } = await reachConsent(await newClient());
    const confirm = `${gw.current.url}/interaction/${uid}/consent`;
    const confirmed = await post(jar, confirm, { csrf, action: 'authorize' });
    expect(confirmed.status).toBe(303);
    const resumed = await jar.fetch(new URL(confirmed.headers.get('location')!, confirm).href);
    expect(new URL(resumed.headers.get('location')!).searchParams.get('code')).toBeTruthy();
    const again = await post(jar, confirm, { csrf, action: 'authorize' });
    expect(again.status).toBe(400);
  });
});

describe('Remembered approval (per-user registry of approved clients)', () => {
  const consentShown = (pages: { html: string }[]) => pages.some((p) => p.html.includes('Authorize Tool Access'));

  it(`${cite('AS-08')} skips consent for a client this user already approved, and asks again for a new client or another user`, async () => {
    const person = gw.current.app.directory[2]!;
    const clientId = await newClient('Remembered Client');
    const first = await walkAuthorization(new CookieJar(), start(clientId), REDIRECT, person);
    expect(consentShown(first.pages)).toBe(true);
    expect(new URL(first.redirectedTo!).searchParams.get('code')).toBeTruthy();

    const second = await walkAuthorization(new CookieJar(), start(clientId), REDIRECT, person);
    expect(consentShown(second.pages)).toBe(false);
    expect(new URL(second.redirectedTo!).searchParams.get('code')).toBeTruthy();

    const otherClient = await walkAuthorization(new CookieJar(), start(await newClient('Another Client')), REDIRECT, person);
    expect(consentShown(otherClient.pages)).toBe(true);

    const otherUser = await walkAuthorization(new CookieJar(), start(clientId), REDIRECT, gw.current.app.directory[3]!);
    expect(consentShown(otherUser.pages)).toBe(true);
  });

  it(`${cite('AS-08')} asks again when the client requests more than was approved`, async () => {
    const person = gw.current.app.directory[4]!;
    const clientId = await newClient('Escalating Client');
    await walkAuthorization(new CookieJar(), start(clientId, REDIRECT, 'mcp:tools'), REDIRECT, person);
    const more = await walkAuthorization(new CookieJar(), start(clientId, REDIRECT, 'mcp:tools email'), REDIRECT, person);
    expect(consentShown(more.pages)).toBe(true);
  });
});

describe('Cookies under https', () => {
  it(`${cite('AS-08')} uses __Host- cookies (Secure, HttpOnly, SameSite=Lax, Path=/) when the issuer is https`, async () => {
    const secure = await startTestGateway({ publicUrl: 'https://gateway.example', trustProxy: true });
    try {
      const base = secure.current.listenUrl;
      const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'gateway.example' };
      const registration = await fetch(`${base}/register`, {
        method: 'POST',
        headers: { ...viaProxy, 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }),
      });
      const clientId = String(((await registration.json()) as { client_id: string }).client_id);
      const authorize = new URL(start(clientId, REDIRECT, 'mcp:tools', 'xyz', secure));
      const started = await fetch(`${base}${authorize.pathname}${authorize.search}`, { headers: viaProxy, redirect: 'manual' });
      const location = new URL(started.headers.get('location')!, 'https://gateway.example');
      expect(location.pathname).toMatch(/^\/interaction\//);
      const cookies = started.headers.getSetCookie();
      const interaction = cookies.find((c) => c.startsWith('__Host-gw.interaction='))!;
      expect(interaction).toBeDefined();
      expect(interaction).toMatch(/; path=\/;/i);
      expect(interaction).toMatch(/; secure/i);
      expect(interaction).toMatch(/; httponly/i);
      expect(interaction).toMatch(/; samesite=lax/i);
      expect(interaction).not.toMatch(/domain=/i);
      expect(cookies.some((c) => c.startsWith('__Secure-gw.resume=') && /; secure/i.test(c))).toBe(true);
      expect(cookies.every((c) => c.startsWith('__Host-') || c.startsWith('__Secure-'))).toBe(true);

      const jarHeader = cookies.map((c) => c.split(';')[0]).join('; ');
      const page = await fetch(`${base}${location.pathname}`, { headers: { ...viaProxy, cookie: jarHeader } });
      expect(page.status).toBe(200);
      const pageCookies = page.headers.getSetCookie();
      expect(pageCookies.length).toBeGreaterThan(0);
      expect(pageCookies.every((c) => c.startsWith('__Host-') && /; secure/i.test(c))).toBe(true);
    } finally {
      await secure.stop();
    }
  });
});
