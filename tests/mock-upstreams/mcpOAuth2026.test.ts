/**
 * Atlassian's MCP authorization server as a 2026-07-28 server: RFC 9207 `iss` on its authorization
 * responses (advertised in its metadata; the `authorizationResponseIss` knob sends a wrong one or
 * none), Client ID Metadata Documents (the `clientIdMetadataDocuments` knob: off, https only, or the
 * loopback dev mode) — fetched, checked against their URL, redirect URIs enforced, the client's
 * name on the consent page — and the `application_type` a registration declares.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, hiddenField, walkConsent } from './support/browserlessConsent.ts';
import { TEST_REDIRECT_URI, useMockUpstreams } from './support/harness.ts';

const mocks = useMockUpstreams();
const atlassian = () => mocks.current.vendors.atlassian;
const owner = () => mocks.current.fixtures.atlassian.accounts[0]!;

// A client's metadata documents, served on loopback the way a gateway serves its own.
const documents = new Map<string, unknown>();
let site: Server;
let siteOrigin = '';
beforeAll(async () => {
  site = createServer((request, response) => {
    const body = documents.get(request.url ?? '');
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(body === undefined ? '{}' : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => site.close(() => resolve())));

function publish(path: string, fields: Record<string, unknown> = {}): string {
  const clientId = `${siteOrigin}${path}`;
  documents.set(path, { client_id: clientId, client_name: 'Acme Gateway', redirect_uris: [TEST_REDIRECT_URI], token_endpoint_auth_method: 'none', ...fields });
  return clientId;
}

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

function authorizeUrl(clientId: string, extra: Record<string, string> = {}): string {
  const url = new URL(`${atlassian().baseUrl}/v1/authorize`);
  const params = { client_id: clientId, redirect_uri: TEST_REDIRECT_URI, response_type: 'code', code_challenge: CHALLENGE, code_challenge_method: 'S256', resource: atlassian().mcpUrl, state: 's1', ...extra };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

async function register(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(atlassian().mcpOAuth!.registrationUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Authorize → sign in → the consent page's HTML. */
async function consentPage(url: string): Promise<string> {
  const jar = new CookieJar();
  const origin = atlassian().baseUrl;
  const login = new URL(((await jar.fetch(url)).headers.get('location'))!, origin).href;
  const transaction = hiddenField(await (await jar.fetch(login)).text(), 'transaction');
  const signedIn = await jar.fetch(`${origin}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ transaction, email: owner().email, password: owner().password }),
  });
  return (await jar.fetch(new URL(signedIn.headers.get('location')!, origin).href)).text();
}

async function errorPage(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

describe('RFC 9207 iss on the authorization responses', () => {
  it('advertises authorization_response_iss_parameter_supported and sends iss = issuer with the code and with a denial', async () => {
    const metadata = (await (await fetch(atlassian().mcpOAuth!.authorizationServerMetadataUrl)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({ issuer: atlassian().baseUrl, authorization_response_iss_parameter_supported: true });
    const { body } = await register({ redirect_uris: [TEST_REDIRECT_URI] });
    const allowed = await walkConsent(authorizeUrl(String(body.client_id)), owner(), 'allow');
    expect(allowed.searchParams.get('code')).toBeTruthy();
    expect(allowed.searchParams.get('iss')).toBe(atlassian().baseUrl);
    const denied = await walkConsent(authorizeUrl(String(body.client_id)), owner(), 'deny');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('iss')).toBe(atlassian().baseUrl);
    // An error sent straight back from /authorize carries it too.
    const refused = new URL((await fetch(authorizeUrl(String(body.client_id), { resource: 'https://mcp.example/other' }), { redirect: 'manual' })).headers.get('location')!);
    expect(refused.searchParams.get('error')).toBe('invalid_target');
    expect(refused.searchParams.get('iss')).toBe(atlassian().baseUrl);
  });

  it('the authorizationResponseIss knob: another issuer, a trailing slash, or none (still advertised)', async () => {
    const { body } = await register({ redirect_uris: [TEST_REDIRECT_URI] });
    const issOf = async () => (await walkConsent(authorizeUrl(String(body.client_id)), owner(), 'allow')).searchParams.get('iss');
    atlassian().control.setFaults({ authorizationResponseIss: 'other-issuer' });
    expect(await issOf()).toBe('https://auth.mix-up.example');
    atlassian().control.setFaults({ authorizationResponseIss: 'trailing-slash' });
    expect(await issOf()).toBe(`${atlassian().baseUrl}/`);
    atlassian().control.setFaults({ authorizationResponseIss: 'missing' });
    expect(await issOf()).toBeNull();
    const metadata = (await (await fetch(atlassian().mcpOAuth!.authorizationServerMetadataUrl)).json()) as Record<string, unknown>;
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
  });

  it('vendors without authorization server metadata send no iss (GitHub)', async () => {
    const github = mocks.current.vendors.github;
    const url = new URL(github.oauth!.authorizationUrl);
    url.searchParams.set('client_id', github.oauth!.clientId);
    url.searchParams.set('redirect_uri', TEST_REDIRECT_URI);
    url.searchParams.set('scope', 'repo');
    url.searchParams.set('state', 'g');
    const back = await walkConsent(url.href, mocks.current.fixtures.github.accounts[0]!, 'allow');
    expect(back.searchParams.get('code')).toBeTruthy();
    expect(back.searchParams.has('iss')).toBe(false);
  });
});

describe('Client ID Metadata Documents', () => {
  it('off by default: not advertised, and a URL client_id is an unknown client', async () => {
    const metadata = (await (await fetch(atlassian().mcpOAuth!.authorizationServerMetadataUrl)).json()) as Record<string, unknown>;
    expect(metadata).not.toHaveProperty('client_id_metadata_document_supported');
    const page = await errorPage(authorizeUrl(publish('/off.json')));
    expect(page.status).toBe(400);
    expect(page.text).toContain('The client_id does not belong to a registered application.');
  });

  it('dev knob: fetches a loopback document, shows its client_name on consent, and the public client redeems the code', async () => {
    atlassian().control.setFaults({ clientIdMetadataDocuments: 'https-and-loopback' });
    const metadata = (await (await fetch(atlassian().mcpOAuth!.authorizationServerMetadataUrl)).json()) as Record<string, unknown>;
    expect(metadata.client_id_metadata_document_supported).toBe(true);
    const clientId = publish('/acme/client.json');
    const consent = await consentPage(authorizeUrl(clientId));
    expect(consent).toContain('Acme Gateway wants to access your');
    expect(consent).toContain(`identified by its metadata document at <strong>${new URL(siteOrigin).host}</strong>`);

    const back = await walkConsent(authorizeUrl(clientId), owner(), 'allow');
    const token = await fetch(`${atlassian().baseUrl}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code')!, client_id: clientId, redirect_uri: TEST_REDIRECT_URI, code_verifier: VERIFIER, resource: atlassian().mcpUrl }),
    });
    expect(token.status).toBe(200);
    expect(atlassian().control.recording({ path: '/v1/token' })).toEqual([expect.objectContaining({ status: 200, credential: 'public-client' })]);
    expect(atlassian().control.recording({ method: 'POST', path: '/v1/register' })).toHaveLength(0);
  });

  it('https mode (the spec): an http client_id is refused with a page naming the dev knob', async () => {
    atlassian().control.setFaults({ clientIdMetadataDocuments: 'https' });
    const page = await errorPage(authorizeUrl(publish('/https-only.json')));
    expect(page.status).toBe(400);
    expect(page.text).toContain('must be https');
    expect(page.text).toContain('https-and-loopback');
  });

  it('refuses a redirect_uri the document does not list, a document naming another client_id, one with a secret, and a missing one', async () => {
    atlassian().control.setFaults({ clientIdMetadataDocuments: 'https-and-loopback' });
    const other = await errorPage(authorizeUrl(publish('/narrow.json'), { redirect_uri: 'http://127.0.0.1:9/elsewhere' }));
    expect(other.text).toContain('The redirect_uri is not associated with this application.');

    documents.set('/impostor.json', { client_id: `${siteOrigin}/someone-else.json`, client_name: 'Impostor', redirect_uris: [TEST_REDIRECT_URI] });
    expect((await errorPage(authorizeUrl(`${siteOrigin}/impostor.json`))).text).toContain('names another client_id than the URL');

    const secretive = publish('/secret.json', { client_secret: 'nope' });
    expect((await errorPage(authorizeUrl(secretive))).text).toContain('must not contain a client secret');

    const confidential = publish('/jwt.json', { token_endpoint_auth_method: 'private_key_jwt' });
    expect((await errorPage(authorizeUrl(confidential))).text).toContain('The client metadata document is invalid: token_endpoint_auth_method');

    expect((await errorPage(authorizeUrl(`${siteOrigin}/nowhere.json`))).text).toContain('answered HTTP 404');
  });
});

describe('application_type at registration', () => {
  it('keeps what the client declared, defaults to web as OIDC does, and refuses anything else', async () => {
    expect((await register({ redirect_uris: [TEST_REDIRECT_URI], application_type: 'native' })).body).toMatchObject({ application_type: 'native' });
    expect((await register({ redirect_uris: ['https://app.example/cb'] })).body).toMatchObject({ application_type: 'web' });
    const bad = await register({ redirect_uris: [TEST_REDIRECT_URI], application_type: 'desktop' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_client_metadata' });
  });
});
