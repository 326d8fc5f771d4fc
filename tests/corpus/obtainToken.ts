/**
 * A real access token for a running corpus target, obtained through the target's OWN authorization
 * flow with plain HTTP (no browser), the way a 2025-11-25 client does it:
 *  1. an unauthenticated MCP request → 401 and its `WWW-Authenticate` (resource_metadata, scope);
 *  2. Protected Resource Metadata from that URL (else the well-known locations) — RFC 9728;
 *  3. the first authorization server's metadata: RFC 8414 with the path inserted, then OIDC discovery
 *     inserted, then appended (the SDK's own discovery order) — RFC 8414, OIDC Discovery;
 *  4. dynamic registration with an Inspector-like body where the AS offers it, else any client_id
 *     (oauth2-mock-server accepts any) — RFC 7591;
 *  5. the authorization request with PKCE S256, state, scope (challenge, else PRM scopes_supported)
 *     and resource = PRM resource (RFC 7636, RFC 8707), redirects followed by hand with a cookie jar,
 *     the target's sign-in and consent pages submitted as plain HTML form posts, until the redirect to
 *     the redirect_uri carries `code` (and, if present, the right `iss` — RFC 9207);
 *  6. the token request with code_verifier and resource.
 * Per-target hints say only which button to press and which account to type; forms are read generically.
 * better-auth is headless (no pages): there the hint signs in and consents through its JSON API.
 */
import { randomBytes } from 'node:crypto';
import { discoverAuthorizationServerMetadata, discoverOAuthProtectedResourceMetadata, extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';
import { initializeRequest, mcpHeaders } from '../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION } from '../../wire/protocolVersions.ts';
import { pkcePair } from '../support/oauthDriver.ts';
import type { RunningTarget } from './corpusTarget.ts';
import { corpusTarget, type CorpusTarget, type CorpusTargetId } from './targets.ts';

export const REDIRECT_URI = 'http://localhost:6274/oauth/callback';
const CLIENT_INFO = { name: 'gangway corpus', version: '1' } as const;
/** For an AS without registration that accepts any client_id (oauth2-mock-server). */
const UNREGISTERED_CLIENT_ID = 'gangway-corpus';
const MAX_HOPS = 20;

export type FlowStep = 'challenge' | 'protected-resource-metadata' | 'authorization-server-metadata' | 'registration' | 'authorization' | 'sign-in' | 'consent' | 'token';

/** A failed step of the flow, named, with what the target answered. */
export class TokenFlowError extends Error {
  override readonly name = 'TokenFlowError';
  readonly step: FlowStep;
  constructor(targetId: string, step: FlowStep, message: string, options?: { cause?: unknown }) {
    super(`obtainToken(${targetId}): ${step} failed: ${message}`, options);
    this.step = step;
  }
}

interface Hints {
  /** The submit button to press on a page, matched against its text or value (never "Deny"/"Cancel"). */
  readonly press: RegExp;
  readonly account: { readonly username: string; readonly password: string };
  /** A headless AS: sign in by API before authorizing, and accept the consent page's query by API. */
  readonly headless?: { readonly signInPath: string; readonly consentPagePath: string; readonly consentApiPath: string };
}

/** Which button each target's pages need; a target not listed gets the usual affirmative words. */
const PRESS: Partial<Record<CorpusTargetId, RegExp>> = {
  // devInteractions: "Sign-in" on the login page, then "Continue" on the consent page.
  'oidc-provider-path-issuer': /^(sign-in|continue)$/i,
  // fastmcp consent page: <button name="action" value="approve">Approve</button> next to "Deny".
  'fastmcp-oauth-proxy': /^approve$/i,
};
const AFFIRMATIVE = /^(sign-?in|log-?in|continue|approve|allow|accept|authori[sz]e|submit)$/i;

function hintsFor(target: RunningTarget): Hints {
  const signIn: CorpusTarget['signIn'] = corpusTarget(target.id).signIn;
  const account = { username: signIn?.username ?? 'corpus-user', password: signIn?.password ?? 'any-password' };
  const press = PRESS[target.id] ?? AFFIRMATIVE;
  if (target.id === 'better-auth-path-issuer') {
    // better-auth has no pages (its login/consent URLs 404 here): its own JSON API, under the issuer.
    return { press, account, headless: { signInPath: '/sign-in/email', consentPagePath: '/consent', consentApiPath: '/oauth2/consent' } };
  }
  return { press, account };
}

/** Cookies per host (RFC 6265 ignores the port); path and expiry are not needed for these short flows. */
class CookieJar {
  readonly #byHost = new Map<string, Map<string, string>>();
  store(url: string, response: Response): void {
    const jar = this.#byHost.get(new URL(url).hostname) ?? new Map<string, string>();
    this.#byHost.set(new URL(url).hostname, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const expired = attributes.some((a) => /^\s*max-age=(0|-\d+)\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()));
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(at + 1).trim());
    }
  }
  header(url: string): Record<string, string> {
    const jar = this.#byHost.get(new URL(url).hostname);
    return jar?.size ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {};
  }
}

/** A JSON object from an answer's text, or undefined (an HTML error page, an empty body). */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
const snippet = (text: string) => text.replace(/\s+/g, ' ').slice(0, 300);

interface Form {
  readonly action: string;
  readonly method: string;
  readonly fields: { name: string; type: string; value: string }[];
  readonly buttons: { name: string | undefined; value: string; label: string }[];
}

const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
    if (entity[0] !== '#') return named[entity.toLowerCase()] ?? '';
    return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
  });

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = match[1]!.toLowerCase();
    if (!(name in found)) found[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return found;
}

/** The forms of an HTML page: action, method, inputs and submit buttons (enough for sign-in and consent pages). */
function parseForms(html: string): Form[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, formTag = '', body = '']) => {
    const form = attributes(formTag);
    const fields: Form['fields'] = [];
    const buttons: Form['buttons'] = [];
    for (const [, tag = ''] of body.matchAll(/<input\b([^>]*)>/gi)) {
      const input = attributes(tag);
      const type = (input.type ?? 'text').toLowerCase();
      if (type === 'submit') buttons.push({ name: input.name, value: input.value ?? '', label: input.value ?? '' });
      else if (input.name) fields.push({ name: input.name, type, value: input.value ?? '' });
    }
    for (const [, tag = '', label = ''] of body.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
      const button = attributes(tag);
      if ((button.type ?? 'submit').toLowerCase() !== 'submit') continue;
      buttons.push({ name: button.name, value: button.value ?? '', label: decodeEntities(label.replace(/<[^>]*>/g, '')).trim() });
    }
    return { action: form.action ?? '', method: (form.method ?? 'get').toUpperCase(), fields, buttons };
  });
}

/** The filled-in body of the page's form whose submit button matches the hint; sign-in fields get the account. */
function submitPage(targetId: string, pageUrl: string, html: string, hints: Hints): Hop {
  const forms = parseForms(html);
  const step: FlowStep = forms.some((form) => form.fields.some((field) => field.type === 'password')) ? 'sign-in' : 'consent';
  for (const form of forms) {
    const button = form.buttons.find((candidate) => hints.press.test(candidate.label) || hints.press.test(candidate.value));
    if (!button && !(form.buttons.length === 0 && forms.length === 1)) continue;
    const body = new URLSearchParams();
    for (const field of form.fields) {
      if (field.type === 'password') body.append(field.name, hints.account.password);
      else if (field.type !== 'hidden' && !field.value && /login|user|email|name/i.test(field.name)) body.append(field.name, hints.account.username);
      else if (!['checkbox', 'radio'].includes(field.type)) body.append(field.name, field.value);
    }
    if (button?.name) body.append(button.name, button.value);
    const url = new URL(form.action || pageUrl, pageUrl);
    if (form.method === 'POST') return { step, url: url.href, method: 'POST', body };
    url.search = body.toString();
    return { step, url: url.href, method: 'GET' };
  }
  const offered = forms.flatMap((form) => form.buttons.map((b) => b.label || b.value)).join(', ') || 'no form';
  throw new TokenFlowError(targetId, step, `page ${pageUrl} has no form with a button matching ${hints.press} (offered: ${offered}); page: ${snippet(html)}`);
}

const isRedirectUri = (url: URL) => url.origin + url.pathname === new URL(REDIRECT_URI).origin + new URL(REDIRECT_URI).pathname;

async function send(targetId: string, step: FlowStep, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new TokenFlowError(targetId, step, `${init.method ?? 'GET'} ${url} got no answer: ${(error as Error).message}`, { cause: error });
  }
}

interface Client {
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly authMethod: string;
}

async function register(targetId: string, registrationEndpoint: string | undefined): Promise<Client> {
  if (!registrationEndpoint) return { clientId: UNREGISTERED_CLIENT_ID, clientSecret: undefined, authMethod: 'none' };
  const body = {
    redirect_uris: [REDIRECT_URI],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    client_name: CLIENT_INFO.name,
    application_type: 'native',
  };
  const response = await send(targetId, 'registration', registrationEndpoint, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  const answer = (response.ok ? jsonObject(text) : undefined) ?? {};
  if (typeof answer.client_id !== 'string') throw new TokenFlowError(targetId, 'registration', `POST ${registrationEndpoint} → ${response.status} without client_id: ${snippet(text)}`);
  const secret = typeof answer.client_secret === 'string' ? answer.client_secret : undefined;
  return { clientId: answer.client_id, clientSecret: secret, authMethod: typeof answer.token_endpoint_auth_method === 'string' ? answer.token_endpoint_auth_method : 'none' };
}

/** better-auth's headless API: sign in with the account (session cookie), the way its own login page would. */
async function signInByApi(target: RunningTarget, issuer: string, hints: Hints, jar: CookieJar): Promise<void> {
  const url = `${issuer}${hints.headless!.signInPath}`;
  const response = await send(target.id, 'sign-in', url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(issuer).origin },
    body: JSON.stringify({ email: hints.account.username, password: hints.account.password }),
  });
  jar.store(url, response);
  if (!response.ok) throw new TokenFlowError(target.id, 'sign-in', `POST ${url} → ${response.status}: ${snippet(await response.text())}`);
  await response.body?.cancel();
}

/** better-auth's headless consent: accept the signed query its consent page would have shown. */
async function consentByApi(target: RunningTarget, issuer: string, page: URL, hints: Hints, jar: CookieJar): Promise<string> {
  const url = `${issuer}${hints.headless!.consentApiPath}`;
  const response = await send(target.id, 'consent', url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(issuer).origin, ...jar.header(url) },
    body: JSON.stringify({ accept: true, oauth_query: page.search.slice(1) }),
  });
  const text = await response.text();
  const next = response.ok ? jsonObject(text)?.url : undefined;
  if (typeof next !== 'string') throw new TokenFlowError(target.id, 'consent', `POST ${url} → ${response.status} without a url: ${snippet(text)}`);
  return new URL(next, url).href;
}

/** better-auth answers a signed-in authorization request with 200 `{"redirect":true,"url":…}` instead of a 302. */
function jsonRedirect(response: Response, text: string): string | null {
  if (response.status !== 200 || !response.headers.get('content-type')?.includes('json')) return null;
  const answer = jsonObject(text);
  return answer?.redirect === true && typeof answer.url === 'string' ? answer.url : null;
}

/** Steps 1–3: the challenge, PRM and the authorization server's metadata. */
async function discover(target: RunningTarget) {
  const opening = initializeRequest(LATEST_STATEFUL_REVISION, CLIENT_INFO);
  const first = await send(target.id, 'challenge', target.mcpUrl, { method: 'POST', headers: mcpHeaders(LATEST_STATEFUL_REVISION, opening), body: JSON.stringify(opening) });
  await first.body?.cancel();
  if (first.status !== 401) throw new TokenFlowError(target.id, 'challenge', `POST ${target.mcpUrl} without a token → ${first.status}, not 401`);
  const challenge = extractWWWAuthenticateParams(first);
  const prm = await discoverOAuthProtectedResourceMetadata(target.mcpUrl, { resourceMetadataUrl: challenge.resourceMetadataUrl }).catch((error: unknown) => {
    throw new TokenFlowError(target.id, 'protected-resource-metadata', `${challenge.resourceMetadataUrl ?? 'well-known locations'}: ${(error as Error).message}`, { cause: error });
  });
  const issuer = prm.authorization_servers?.[0];
  if (!issuer) throw new TokenFlowError(target.id, 'protected-resource-metadata', `no authorization_servers in ${JSON.stringify(prm)}`);
  const metadata = await discoverAuthorizationServerMetadata(issuer).catch((error: unknown) => {
    throw new TokenFlowError(target.id, 'authorization-server-metadata', `${issuer}: ${(error as Error).message}`, { cause: error });
  });
  if (!metadata) throw new TokenFlowError(target.id, 'authorization-server-metadata', `nothing at RFC 8414 or OIDC discovery locations for ${issuer}`);
  const scope = challenge.scope ?? prm.scopes_supported?.join(' ');
  return { resource: prm.resource, issuer, metadata, scope };
}

type Hop = { step: FlowStep; url: string; method: string; body?: URLSearchParams };

/** Step 5's browser part: follow redirects by hand, submit each page's form, stop at the redirect_uri. */
async function walkToRedirectUri(target: RunningTarget, authorizationUrl: string, issuer: string, hints: Hints): Promise<URL> {
  const jar = new CookieJar();
  if (hints.headless) await signInByApi(target, issuer, hints, jar);
  let request: Hop = { step: 'authorization', url: authorizationUrl, method: 'GET' };
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    if (isRedirectUri(new URL(request.url))) return new URL(request.url);
    const { step, url, method, body } = request;
    const response = await send(target.id, step, url, { method, headers: { accept: 'text/html,application/xhtml+xml', ...jar.header(url) }, ...(body ? { body } : {}) });
    jar.store(url, response);
    const text = await response.text();
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : jsonRedirect(response, text);
    if (location) {
      const next = new URL(location, url);
      const headlessConsent = hints.headless && next.origin === new URL(issuer).origin && next.pathname === hints.headless.consentPagePath;
      request = headlessConsent ? { step: 'consent', url: await consentByApi(target, issuer, next, hints, jar), method: 'GET' } : { step, url: next.href, method: 'GET' };
      continue;
    }
    if (response.status !== 200 || !/<form\b/i.test(text)) throw new TokenFlowError(target.id, step, `${method} ${url} → ${response.status}, neither a redirect nor a page with a form: ${snippet(text)}`);
    request = submitPage(target.id, url, text, hints);
  }
  throw new TokenFlowError(target.id, 'authorization', `no redirect to ${REDIRECT_URI} within ${MAX_HOPS} hops (last: ${request.url})`);
}

export async function obtainToken(target: RunningTarget): Promise<string> {
  const { resource, issuer, metadata, scope } = await discover(target);
  const hints = hintsFor(target);
  const client = await register(target.id, metadata.registration_endpoint);

  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString('base64url');
  const authorizationUrl = new URL(metadata.authorization_endpoint);
  const query = { response_type: 'code', client_id: client.clientId, redirect_uri: REDIRECT_URI, state, code_challenge: challenge, code_challenge_method: 'S256', resource, ...(scope ? { scope } : {}) };
  for (const [name, value] of Object.entries(query)) authorizationUrl.searchParams.set(name, value);

  const callback = await walkToRedirectUri(target, authorizationUrl.href, issuer.replace(/\/$/, ''), hints);
  const answered = Object.fromEntries(callback.searchParams);
  if (answered.error) throw new TokenFlowError(target.id, 'authorization', `redirect with error=${answered.error}: ${answered.error_description ?? ''}`);
  if (answered.state !== state) throw new TokenFlowError(target.id, 'authorization', `state ${answered.state} is not the one sent`);
  if (answered.iss !== undefined && answered.iss !== metadata.issuer) throw new TokenFlowError(target.id, 'authorization', `iss ${answered.iss} is not the issuer ${metadata.issuer} (RFC 9207)`);
  if (!answered.code) throw new TokenFlowError(target.id, 'authorization', `redirect without code: ${callback.href}`);

  // No cookies here: the token endpoint is called by the client, not the browser (better-auth refuses a cookie without Origin).
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: answered.code, redirect_uri: REDIRECT_URI, code_verifier: verifier, client_id: client.clientId, resource });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (client.clientSecret && client.authMethod === 'client_secret_basic') headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`;
  if (client.clientSecret && client.authMethod === 'client_secret_post') form.set('client_secret', client.clientSecret);
  const response = await send(target.id, 'token', metadata.token_endpoint, { method: 'POST', headers, body: form });
  const text = await response.text();
  const token = response.ok ? jsonObject(text)?.access_token : undefined;
  if (typeof token !== 'string' || !token) throw new TokenFlowError(target.id, 'token', `POST ${metadata.token_endpoint} → ${response.status}: ${snippet(text)}`);
  return token;
}
