/**
 * Drives the gateway's tool-authorization page without a browser, the way a browser submits it:
 * every action posts the whole form (ticks, methods, tool boxes) plus the button's `action`, and
 * "Connect via OAuth" goes through the mock vendor's login and consent pages and back. The
 * Playwright suites click the same page in Chromium.
 */
import { walkConsent, CookieJar as VendorJar } from '../mock-upstreams/support/browserlessConsent.ts';
import { authorizeUrl, CookieJar, pkcePair, registerClient, tokenRequest, type Person } from './oauthDriver.ts';

interface Field {
  readonly name: string;
  readonly value: string;
}

/** The fields a browser would submit from the consent form, before the clicked button's own. */
export function formFields(html: string): Field[] {
  const form = /<form method="post" action="[^"]*" aria-label="Authorize tool access"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields: Field[] = [];
  for (const tag of form.matchAll(/<input\b[^>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag[0])?.[1];
    const type = attr('type') ?? 'text';
    const name = attr('name');
    if (!name) continue;
    const decode = (value: string) => value.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(tag[0])) continue;
    fields.push({ name, value: decode(attr('value') ?? (type === 'checkbox' ? 'on' : '')) });
  }
  return fields;
}

/** The gateway went straight back to the client: the user had approved it already. */
export class ConsentSkipped extends Error {
  override readonly name = 'ConsentSkipped';
  readonly redirectedTo: string;
  constructor(redirectedTo: string) {
    super('the gateway returned to the client without showing the consent page');
    this.redirectedTo = redirectedTo;
  }
}

export interface AuthorizeResult {
  readonly status: number;
  readonly code?: string | undefined;
  readonly error?: string | undefined;
  readonly tokens?: Record<string, unknown> | undefined;
}

export class ConsentSession {
  readonly jar = new CookieJar();
  readonly vendorJar = new VendorJar();
  readonly issuer: string;
  readonly mcpUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  #verifier = '';
  #pageUrl = '';

  private constructor(issuer: string, mcpUrl: string, clientId: string, redirectUri: string) {
    this.issuer = issuer;
    this.mcpUrl = mcpUrl;
    this.clientId = clientId;
    this.redirectUri = redirectUri;
  }

  /** Registers a client, starts its authorization, signs `person` in, stops on the consent page. */
  static async open(issuer: string, mcpUrl: string, person: Person, options: { clientName?: string; redirectUri?: string; clientId?: string } = {}): Promise<ConsentSession> {
    const redirectUri = options.redirectUri ?? 'https://chatgpt.com/connector/oauth/cb_tools';
    const clientId =
      options.clientId ??
      String((await registerClient(issuer, { client_name: options.clientName ?? 'ChatGPT', redirect_uris: [redirectUri], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] })).body.client_id);
    const session = new ConsentSession(issuer, mcpUrl, clientId, redirectUri);
    const { verifier, challenge } = pkcePair();
    session.#verifier = verifier;
    let url = authorizeUrl(issuer, { clientId, redirectUri, scope: 'mcp:tools', resource: mcpUrl, codeChallenge: challenge, codeChallengeMethod: 'S256' });
    for (let hop = 0; hop < 10; hop++) {
      const response = await session.jar.fetch(url);
      const location = response.headers.get('location');
      if (location) {
        url = new URL(location, url).href;
        // A remembered approval returns straight to the client: never follow it off the gateway.
        if (url.startsWith(redirectUri)) throw new ConsentSkipped(url);
        continue;
      }
      const html = await response.text();
      if (html.includes('name="password"')) {
        const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
        const action = /<form method="post" action="([^"]+)" aria-label="Sign in"/.exec(html)![1]!;
        const posted = await session.jar.fetch(new URL(action, url).href, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ csrf, email: person.email, password: person.password }).toString(),
        });
        url = new URL(posted.headers.get('location')!, url).href;
        continue;
      }
      if (!html.includes('Authorize Tool Access')) throw new Error(`expected the consent page, got: ${html.slice(0, 300)}`);
      session.#pageUrl = url.split('#')[0]!;
      return session;
    }
    throw new Error('never reached the consent page');
  }

  get uid(): string {
    return new URL(this.#pageUrl).pathname.split('/').pop()!;
  }

  async page(): Promise<string> {
    const response = await this.jar.fetch(this.#pageUrl);
    if (response.status !== 200) throw new Error(`consent page answered ${response.status}`);
    return response.text();
  }

  /** Submits the form as it is on the page, with `changes` applied, pressing the `action` button. */
  async submit(action: string, changes: { tick?: string[]; untick?: string[]; set?: Record<string, string>; untickTools?: Record<string, string[]> } = {}): Promise<Response> {
    const html = await this.page();
    let fields = formFields(html);
    for (const id of changes.untick ?? []) fields = fields.filter((f) => !(f.name === 'connectors' && f.value === id));
    for (const id of changes.tick ?? []) if (!fields.some((f) => f.name === 'connectors' && f.value === id)) fields.push({ name: 'connectors', value: id });
    for (const [connector, tools] of Object.entries(changes.untickTools ?? {})) fields = fields.filter((f) => !(f.name === `tools:${connector}` && tools.includes(f.value)));
    for (const [name, value] of Object.entries(changes.set ?? {})) {
      fields = fields.filter((f) => f.name !== name);
      fields.push({ name, value });
    }
    const body = new URLSearchParams();
    for (const field of fields) body.append(field.name, field.value);
    body.set('action', action);
    return this.jar.fetch(`${this.issuer}/interaction/${this.uid}/consent`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  }

  async saveKey(connectorId: string, key: string, username?: string): Promise<string> {
    const response = await this.submit(`save-key:${connectorId}`, { tick: [connectorId], set: { [`api_key:${connectorId}`]: key, ...(username ? { [`api_user:${connectorId}`]: username } : {}) } });
    if (response.status !== 303) throw new Error(`Save answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return this.page();
  }

  /** Connect via OAuth: the vendor's login and consent pages, Allow or Deny, back to the page. */
  async connectOAuth(connectorId: string, vendorAccount: Person, decision: 'allow' | 'deny' = 'allow'): Promise<string> {
    const started = await this.submit(`connect:${connectorId}`, { tick: [connectorId] });
    const vendorUrl = started.headers.get('location');
    if (started.status !== 303 || !vendorUrl) throw new Error(`Connect answered ${started.status}`);
    const callback = await walkConsent(vendorUrl, vendorAccount, decision, this.vendorJar);
    const back = await this.jar.fetch(callback.href);
    if (back.status !== 303) throw new Error(`callback answered ${back.status}: ${(await back.text()).slice(0, 300)}`);
    return this.page();
  }

  /** Authorize tools; on success redeems the code. */
  async authorize(changes: Parameters<ConsentSession['submit']>[1] = {}): Promise<AuthorizeResult> {
    let response = await this.submit('authorize', changes);
    for (let hop = 0; hop < 5 && response.status === 303; hop++) {
      const location = new URL(response.headers.get('location')!, this.issuer);
      if (location.href.startsWith(this.redirectUri)) {
        const code = location.searchParams.get('code') ?? undefined;
        const error = location.searchParams.get('error') ?? undefined;
        const tokens = code
          ? (await tokenRequest(this.issuer, { grant_type: 'authorization_code', code, client_id: this.clientId, redirect_uri: this.redirectUri, code_verifier: this.#verifier, resource: this.mcpUrl })).body
          : undefined;
        return { status: 303, code, error, tokens };
      }
      if (location.pathname === new URL(this.#pageUrl).pathname) return { status: 303 };
      response = await this.jar.fetch(location.href);
    }
    return { status: response.status };
  }
}
