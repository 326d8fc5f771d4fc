/**
 * The gateway's own sign-out pages, given to oidc-provider as `logoutSource` and
 * `postLogoutSuccessSource`. oidc-provider's defaults load a web font and, when its session has no
 * account, answer with an inline auto-submit script — which the gateway's CSP (`script-src 'self'`)
 * blocks, leaving a blank page and the person still signed in. These are plain forms: the provider's
 * xsrf form and a "Sign out" button that posts it (`logout=yes`), no script at all.
 */
import type { Context } from 'koa';
import { html, SafeHtml } from '../../web/html.ts';
import { page } from '../http/page.ts';

/** The id oidc-provider gives its logout form; the buttons below submit it with `form=`. */
const LOGOUT_FORM_ID = 'op.logoutForm';

/** The confirm form oidc-provider would have built: its xsrf field, posted to the confirm endpoint. */
export function providerLogoutForm(action: string, xsrf: string): SafeHtml {
  return html`<form id="${LOGOUT_FORM_ID}" method="post" action="${action}"><input type="hidden" name="xsrf" value="${xsrf}"></form>`;
}

/** `logoutSource(ctx, form)`: `form` is oidc-provider's own markup (its xsrf field); trusted. */
export async function logoutSource(ctx: Context, form: string | SafeHtml): Promise<void> {
  const providerForm = form instanceof SafeHtml ? form : new SafeHtml(form);
  ctx.type = 'html';
  ctx.body = page({
    title: 'Sign out',
    body: html`<h1>Sign out of Gangway?</h1>
<p>You will be signed out of the gateway in this browser: the User Portal and the sign-in that AI clients send you to. An AI client you authorized during this sign-in may ask you to connect it again. To take a client's access away for good, use Revoke access on the <a href="/portal/connections">Connections</a> page.</p>
${providerForm}
<div class="actions"><button type="submit" class="primary" form="${LOGOUT_FORM_ID}" name="logout" value="yes" autofocus>Sign out</button><a class="button" href="/portal">Stay signed in</a></div>`,
  });
}

/** `postLogoutSuccessSource(ctx)`: where the browser lands when no client asked to be sent back. */
export async function postLogoutSuccessSource(ctx: Context): Promise<void> {
  ctx.type = 'html';
  ctx.body = page({
    title: 'Signed out',
    body: html`<h1>You are signed out</h1>
<p role="status">You have signed out of Gangway in this browser. You can close this tab.</p>
<p><a href="/portal/sign-in">Sign in again</a></p>`,
  });
}
