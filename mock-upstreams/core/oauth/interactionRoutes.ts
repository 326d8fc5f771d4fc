/**
 * Login and consent, shared by every vendor's /authorize:
 *   /authorize (vendor) → `beginInteraction` → /login (no session yet) → /consent → Allow | Deny
 * Allow redirects with `code` and `state`; Deny — or the consent auto-deny knob — with
 * `error=access_denied`, `state` and the vendor's extra error parameters; both with RFC 9207 `iss`
 * where the flow's server advertises it (issuerParameter.ts). The transaction id is
 * single-use and the consent form carries the session's CSRF token.
 */
import { http, type HttpHandler } from 'msw';
import { bodyParams, BadRequestBody, queryParams } from '../http/requestParams.ts';
import { htmlResponse, redirect } from '../http/responses.ts';
import type { VendorCore } from '../vendorCore.ts';
import type { PendingAuthorization } from './authorizationRequests.ts';
import { consentPage, loginPage, problemPage } from './interactionPages.ts';
import { issParameter } from './issuerParameter.ts';
import { withQuery } from './redirectUris.ts';

/** Where a freshly validated authorization request goes next. */
export function beginInteraction(core: VendorCore, request: Request, pending: PendingAuthorization): Response {
  const signedIn = core.sessions.find(request) !== undefined;
  return redirect(core.url(`${signedIn ? '/consent' : '/login'}?transaction=${encodeURIComponent(pending.id)}`));
}

function denied(core: VendorCore, pending: PendingAuthorization): Response {
  core.authorizations.finish(pending);
  return redirect(withQuery(pending.redirectUri, { error: 'access_denied', ...pending.denyParams, state: pending.state, ...issParameter(core, pending) }));
}

export function interactionRoutes(core: VendorCore): HttpHandler[] {
  const { brand } = core.profile;
  const expired = () =>
    htmlResponse(problemPage(brand, 'Authorization expired', 'This sign-in link is no longer valid. Start again from the application.'), 400);
  const params = async (request: Request) => {
    try {
      return await bodyParams(request);
    } catch (error) {
      if (error instanceof BadRequestBody) return undefined;
      throw error;
    }
  };

  return [
    http.get(core.url('/login'), ({ request }) => {
      const pending = core.authorizations.find(queryParams(request).get('transaction'));
      return pending ? htmlResponse(loginPage(brand, pending)) : expired();
    }),

    http.post(core.url('/login'), async ({ request }) => {
      const form = await params(request);
      const pending = core.authorizations.find(form?.get('transaction'));
      if (!form || !pending) return expired();
      const account = core.accounts.signIn(form.get('email') ?? '', form.get('password') ?? '');
      if (!account) return htmlResponse(loginPage(brand, pending, 'Incorrect email address or password.'), 401);
      const cookie = core.sessions.create(account.id);
      return redirect(core.url(`/consent?transaction=${encodeURIComponent(pending.id)}`), { 'set-cookie': cookie });
    }),

    http.get(core.url('/consent'), ({ request }) => {
      const pending = core.authorizations.find(queryParams(request).get('transaction'));
      if (!pending) return expired();
      const session = core.sessions.find(request);
      const account = session && core.accounts.byId(session.accountId);
      if (!session || !account) return redirect(core.url(`/login?transaction=${encodeURIComponent(pending.id)}`));
      if (core.faults.settings.consentAutoDeny) return denied(core, pending);
      return htmlResponse(consentPage(brand, pending, { accountName: account.name, accountEmail: account.email, csrf: session.csrf }));
    }),

    http.post(core.url('/consent'), async ({ request }) => {
      const form = await params(request);
      const pending = core.authorizations.find(form?.get('transaction'));
      if (!form || !pending) return expired();
      const session = core.sessions.find(request);
      if (!session || !core.sessions.csrfMatches(session, form.get('csrf'))) {
        return htmlResponse(problemPage(brand, 'Request refused', 'The consent form is not from this browser session.'), 403);
      }
      const decision = form.get('decision');
      if (decision === 'deny' || core.faults.settings.consentAutoDeny) return denied(core, pending);
      if (decision !== 'allow') return htmlResponse(problemPage(brand, 'Request refused', 'Choose Allow or Deny.'), 400);
      core.authorizations.finish(pending);
      const code = core.authorizations.issueCode(pending, session.accountId);
      return redirect(withQuery(pending.redirectUri, { code, state: pending.state, ...issParameter(core, pending) }));
    }),
  ];
}
