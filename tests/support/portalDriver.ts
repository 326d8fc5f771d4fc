/**
 * Uses the User Portal without a browser: signs in, then submits the Connections page's forms with
 * the CSRF token each form carries.
 */
import { CookieJar, type Person } from './oauthDriver.ts';

export interface PortalSession {
  readonly jar: CookieJar;
  page(path?: string): Promise<string>;
  /** Submits the form whose action is `action` on `pagePath`, with extra fields. */
  submit(action: string, fields?: Record<string, string | string[]>, pagePath?: string): Promise<Response>;
}

export async function portalSession(issuer: string, person: Person): Promise<PortalSession> {
  const jar = new CookieJar();
  const form = await (await jar.fetch(`${issuer}/portal/sign-in`)).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(form)![1]!;
  const signedIn = await jar.fetch(`${issuer}/portal/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, email: person.email, password: person.password }).toString(),
  });
  if (signedIn.status !== 303) throw new Error(`portal sign-in answered ${signedIn.status}`);
  const page = async (path = '/portal/connections') => (await jar.fetch(`${issuer}${path}`)).text();
  return {
    jar,
    page,
    async submit(action, fields = {}, pagePath = '/portal/connections') {
      const html = await page(pagePath);
      const escaped = action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const clientId = typeof fields.client_id === 'string' ? fields.client_id : undefined;
      const forms = [...html.matchAll(new RegExp(`<form method="post" action="${escaped}"[\\s\\S]*?</form>`, 'g'))].map((m) => m[0]);
      const chosen = forms.find((f) => !clientId || f.includes(`name="client_id" value="${clientId}"`));
      if (!chosen) throw new Error(`no form posting to ${action} on ${pagePath}`);
      const body = new URLSearchParams({ csrf: /name="csrf" value="([^"]+)"/.exec(chosen)![1]! });
      for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
      return jar.fetch(`${issuer}${action}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    },
  };
}
