/**
 * The User Portal: directory sign-in, the setup details page, sign-out, the sign-in throttle, and
 * single sign-on into the OAuth login step.
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

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function signIn(jar: CookieJar, email: string, password: string): Promise<Response> {
  const form = await jar.fetch(`${gw.current.url}/portal/sign-in`);
  const csrf = csrfOf(await form.text());
  return jar.fetch(`${gw.current.url}/portal/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, email, password }).toString(),
  });
}

describe('User Portal', () => {
  it('sends a signed-out visitor to the sign-in page', async () => {
    const root = await fetch(`${gw.current.url}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/portal');
    const portal = await fetch(`${gw.current.url}/portal`, { redirect: 'manual' });
    expect(portal.headers.get('location')).toBe('/portal/sign-in');
  });

  it('signs in a directory user and shows the setup details: the MCP server URL and the ChatGPT and Claude steps', async () => {
    const person = gw.current.app.directory[0]!;
    const jar = new CookieJar();
    const response = await signIn(jar, person.email.toUpperCase(), person.password);
    expect(response.status).toBe(303);
    const page = await (await jar.fetch(`${gw.current.url}/portal`)).text();
    expect(page).toContain(`data-testid="mcp-server-url">${gw.current.mcpUrl}<`);
    expect(page).toContain(person.name);
    expect(page).toContain('Advanced settings');
    expect(page).toContain('Developer mode');
    expect(page).toContain('Add custom connector');
    expect(page).toContain('Refresh');
    // Each connector's own endpoint (issue 13 item 2), documented next to the aggregated one.
    for (const connector of ['github', 'atlassian', 'slack']) expect(page).toContain(`data-testid="mcp-server-url-${connector}">${gw.current.mcpUrl}/${connector}<`);
  });

  it('refuses a wrong password with an inline error and no session', async () => {
    const jar = new CookieJar();
    const response = await signIn(jar, gw.current.app.directory[0]!.email, 'wrong-password');
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('role="alert"');
    const portal = await jar.fetch(`${gw.current.url}/portal`);
    expect(portal.status).toBe(302);
  });

  it(`${cite('AS-08')} refuses a sign-in form posted without its CSRF token`, async () => {
    const person = gw.current.app.directory[0]!;
    const response = await fetch(`${gw.current.url}/portal/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: person.email, password: person.password }).toString(),
    });
    expect(response.status).toBe(400);
  });

  it('locks an address after five failed attempts, even for the right password', async () => {
    const person = gw.current.app.directory[5]!;
    const jar = new CookieJar();
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn(jar, person.email, `nope-${attempt}`)).status).toBe(401);
    const locked = await signIn(jar, person.email, person.password);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('Too many failed attempts');
  });

  it('signs out', async () => {
    const person = gw.current.app.directory[0]!;
    const jar = new CookieJar();
    await signIn(jar, person.email, person.password);
    const page = await (await jar.fetch(`${gw.current.url}/portal`)).text();
    const out = await jar.fetch(`${gw.current.url}/portal/sign-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrfOf(page) }).toString(),
    });
    expect(out.status).toBe(303);
    expect((await jar.fetch(`${gw.current.url}/portal`)).status).toBe(302);
  });
});

describe('Single sign-on into the OAuth login step', () => {
  const redirectUri = 'https://claude.ai/api/mcp/auth_callback';
  const start = async (extra: Record<string, string> = {}) => {
    const { body } = await registerClient(gw.current.url, { client_name: 'Claude', redirect_uris: [redirectUri], token_endpoint_auth_method: 'none' });
    return authorizeUrl(gw.current.url, {
      clientId: String(body.client_id),
      redirectUri,
      scope: 'mcp:tools',
      resource: gw.current.mcpUrl,
      codeChallenge: pkcePair().challenge,
      codeChallengeMethod: 'S256',
      extra,
    });
  };
  const askedForPassword = (pages: { html: string }[]) => pages.some((p) => p.html.includes('name="password"'));

  it('does not ask a user signed in at the portal for the password again', async () => {
    const person = gw.current.app.directory[1]!;
    const jar = new CookieJar();
    await signIn(jar, person.email, person.password);
    const outcome = await walkAuthorization(jar, await start(), redirectUri, person);
    expect(askedForPassword(outcome.pages)).toBe(false);
    expect(new URL(outcome.redirectedTo!).searchParams.get('code')).toBeTruthy();
  });

  it('asks again when the client demands a fresh login (prompt=login)', async () => {
    const person = gw.current.app.directory[1]!;
    const jar = new CookieJar();
    await signIn(jar, person.email, person.password);
    const outcome = await walkAuthorization(jar, await start({ prompt: 'login consent' }), redirectUri, person);
    expect(askedForPassword(outcome.pages)).toBe(true);
    expect(new URL(outcome.redirectedTo!).searchParams.get('code')).toBeTruthy();
  });

  it('signs the user in to the portal when they sign in during an OAuth flow', async () => {
    const person = gw.current.app.directory[2]!;
    const jar = new CookieJar();
    await walkAuthorization(jar, await start(), redirectUri, person);
    const portal = await jar.fetch(`${gw.current.url}/portal`);
    expect(portal.status).toBe(200);
    expect(await portal.text()).toContain(person.name);
  });
});
