/**
 * A browser-less OAuth client for vitest: registers clients, walks /authorize → sign-in → consent
 * with a cookie jar exactly as a browser would (forms, CSRF tokens, 303s), and redeems codes and
 * refresh tokens. The Playwright suites do the same through real Chromium.
 */
import { createHash, randomBytes } from 'node:crypto';

export class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>();

  capture(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.#cookies.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.#cookies.set(origin, jar);
  }

  header(url: string): string {
    const jar = this.#cookies.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.capture(url, response);
    return response;
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function registerClient(issuer: string, metadata: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${issuer}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(metadata),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface AuthorizeParams {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope?: string;
  readonly resource?: string | undefined;
  readonly codeChallenge?: string | undefined;
  readonly codeChallengeMethod?: string | undefined;
  readonly state?: string;
  readonly extra?: Record<string, string>;
}

export function authorizeUrl(issuer: string, params: AuthorizeParams): string {
  const url = new URL(`${issuer}/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  if (params.scope !== undefined) url.searchParams.set('scope', params.scope);
  if (params.resource !== undefined) url.searchParams.set('resource', params.resource);
  if (params.codeChallenge !== undefined) url.searchParams.set('code_challenge', params.codeChallenge);
  if (params.codeChallengeMethod !== undefined) url.searchParams.set('code_challenge_method', params.codeChallengeMethod);
  url.searchParams.set('state', params.state ?? randomBytes(8).toString('hex'));
  for (const [k, v] of Object.entries(params.extra ?? {})) url.searchParams.set(k, v);
  return url.href;
}

function formField(htmlText: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(htmlText)?.[1];
}

export interface BrowserOutcome {
  /** The URL the browser was finally sent to (the client's redirect URI), or undefined. */
  readonly redirectedTo: string | undefined;
  /** The last page shown when the flow stopped on a page instead. */
  readonly lastPage: { status: number; url: string; html: string } | undefined;
  /** Every page the browser saw, in order (for assertions on the consent page). */
  readonly pages: { url: string; html: string }[];
}

export interface Person {
  readonly email: string;
  readonly password: string;
}

/**
 * Follows the browser through sign-in and consent until it leaves for `redirectUri`.
 * `decision: 'deny'` presses Cancel on the consent page.
 */
export async function walkAuthorization(
  jar: CookieJar,
  startUrl: string,
  redirectUri: string,
  person: Person,
  decision: 'approve' | 'deny' = 'approve',
): Promise<BrowserOutcome> {
  let url = startUrl;
  let init: RequestInit = {};
  const pages: { url: string; html: string }[] = [];
  for (let hop = 0; hop < 15; hop++) {
    const response = await jar.fetch(url, init);
    init = {};
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url).href;
      if (next.startsWith(redirectUri)) return { redirectedTo: next, lastPage: undefined, pages };
      url = next;
      continue;
    }
    const html = await response.text();
    pages.push({ url, html });
    const csrf = formField(html, 'csrf');
    const action = /<form method="post" action="([^"]+)"[^>]*(?:aria-label="(?:Sign in|Authorize tool access)")/.exec(html)?.[1];
    if (response.status === 200 && csrf && action && html.includes('name="password"')) {
      url = new URL(action.replaceAll('&amp;', '&'), url).href;
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, email: person.email, password: person.password }).toString() };
      continue;
    }
    if (response.status === 200 && csrf && action && html.includes('Authorize tools')) {
      url = new URL(action, url).href;
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, action: decision === 'approve' ? 'authorize' : 'cancel' }).toString() };
      continue;
    }
    return { redirectedTo: undefined, lastPage: { status: response.status, url, html }, pages };
  }
  throw new Error('authorization did not finish within 15 hops');
}

export interface TokenResponse {
  readonly status: number;
  readonly body: Record<string, unknown> & { access_token?: string; refresh_token?: string; error?: string; error_description?: string };
}

export async function tokenRequest(issuer: string, form: Record<string, string | undefined>, headers: Record<string, string> = {}): Promise<TokenResponse> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) body.set(k, v);
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: body.toString(),
  });
  return { status: response.status, body: (await response.json()) as TokenResponse['body'] };
}

export interface SignedInClient {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly tokens: TokenResponse['body'];
}

/** Registers a public client by DCR and takes it through the whole code flow. */
export async function connectClient(
  issuer: string,
  mcpUrl: string,
  person: Person,
  options: { redirectUri?: string; clientName?: string; scope?: string } = {},
): Promise<SignedInClient> {
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:33418/callback';
  const registration = await registerClient(issuer, {
    client_name: options.clientName ?? 'Test Client',
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  });
  if (registration.status !== 201) throw new Error(`registration failed: ${JSON.stringify(registration.body)}`);
  const clientId = String(registration.body.client_id);
  const { verifier, challenge } = pkcePair();
  const jar = new CookieJar();
  const outcome = await walkAuthorization(
    jar,
    authorizeUrl(issuer, { clientId, redirectUri, scope: options.scope ?? 'mcp:tools', resource: mcpUrl, codeChallenge: challenge, codeChallengeMethod: 'S256' }),
    redirectUri,
    person,
  );
  const code = outcome.redirectedTo && new URL(outcome.redirectedTo).searchParams.get('code');
  if (!code) throw new Error(`no code: ${outcome.lastPage?.html.replace(/<style>[\s\S]*?<\/style>/, "").slice(0, 1500)}`);
  const tokens = await tokenRequest(issuer, { grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: redirectUri, code_verifier: verifier, resource: mcpUrl });
  if (tokens.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(tokens.body)}`);
  return { clientId, redirectUri, tokens: tokens.body };
}
