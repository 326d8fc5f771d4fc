/**
 * Walks a mock vendor's /authorize → login → consent the way a browser does (cookies, forms, 302s)
 * and returns the URL the vendor finally redirects to. Vitest uses it; the Playwright suites click
 * the same pages in Chromium.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  capture(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      this.#cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#cookies.size > 0) headers.set('cookie', this.header());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.capture(response);
    return response;
  }
}

export function hiddenField(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no hidden field ${name} in page:\n${html.slice(0, 400)}`);
  return value;
}

function location(response: Response, from: string): string {
  const target = response.headers.get('location');
  if (response.status !== 302 || !target) throw new Error(`expected a 302 from ${from}, got ${response.status}`);
  return new URL(target, from).href;
}

export interface Account {
  readonly email: string;
  readonly password: string;
}

/** Returns the final redirect target (the client's redirect URI with code or error). */
export async function walkConsent(authorizeUrl: string, account: Account, decision: 'allow' | 'deny', jar = new CookieJar()): Promise<URL> {
  const origin = new URL(authorizeUrl).origin;
  let next = location(await jar.fetch(authorizeUrl), authorizeUrl);
  if (new URL(next).pathname === '/login') {
    const loginPage = await jar.fetch(next);
    const transaction = hiddenField(await loginPage.text(), 'transaction');
    const signedIn = await jar.fetch(`${origin}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ transaction, email: account.email, password: account.password }),
    });
    next = location(signedIn, `${origin}/login`);
  }
  const consent = await jar.fetch(next);
  if (consent.status === 302) return new URL(location(consent, next));
  if (consent.status !== 200) throw new Error(`consent page answered ${consent.status}`);
  const page = await consent.text();
  const decided = await jar.fetch(`${origin}/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ transaction: hiddenField(page, 'transaction'), csrf: hiddenField(page, 'csrf'), decision }),
  });
  return new URL(location(decided, `${origin}/consent`));
}
