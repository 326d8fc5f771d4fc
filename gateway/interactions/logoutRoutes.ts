/**
 * Three gaps around oidc-provider's end-session endpoint (`/logout`), closed from outside it:
 * - OpenID RP-Initiated Logout §2: the OP MUST accept POST as well as GET. oidc-provider takes
 *   POST only when its cookies are SameSite=None, which the consent cookies must not be (AS-08):
 *   a form POST's parameters become the query of the same request as a GET.
 * - Without an account in its session (someone signed in only at the User Portal), the provider
 *   skips `logoutSource` and answers with an inline auto-submit script the CSP blocks. That answer
 *   is replaced by the same confirm page, built from the xsrf secret the provider just stored.
 * - The User Portal's session is the gateway's own cookie, which the provider does not know: when
 *   the person confirms "Sign out" (`logout=yes`), it ends too.
 * Mounted just before oidc-provider's middleware, so `ctx.oidc` is set when `next()` returns.
 */
import type { Context, Middleware } from 'koa';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { UserSessions } from '../portal/userSessions.ts';
import { readRequestText } from '../oauth/requestBody.ts';
import { logoutSource, providerLogoutForm } from './logoutPages.ts';

/** End-session parameters are a few short values; a larger body is refused (413). */
const MAX_LOGOUT_BODY_BYTES = 16_384;

export interface LogoutDeps {
  readonly endSessionPath: string;
  readonly sessions: UserSessions;
}

/** ctx.oidc exists only on requests oidc-provider routed (its getter is defined per request). */
const oidcOf = (ctx: Context): KoaContextWithOIDC['oidc'] | undefined =>
  Object.getOwnPropertyDescriptor(ctx, 'oidc') ? (ctx as unknown as KoaContextWithOIDC).oidc : undefined;

export function logoutRoutes({ endSessionPath, sessions }: LogoutDeps): Middleware {
  const confirmPath = `${endSessionPath}/confirm`;
  return async (ctx, next) => {
    if (ctx.path === endSessionPath && ctx.method === 'POST' && ctx.is('application/x-www-form-urlencoded')) {
      ctx.querystring = new URLSearchParams(await readRequestText(ctx, MAX_LOGOUT_BODY_BYTES)).toString();
      ctx.method = 'GET';
    }
    await next();
    const oidc = oidcOf(ctx);
    if (!oidc) return;
    if (ctx.path === endSessionPath && ctx.status === 200 && oidc.session && !oidc.session.accountId) {
      const secret = (oidc.session.state as { secret?: string } | undefined)?.secret;
      if (secret) await logoutSource(ctx, providerLogoutForm(oidc.urlFor('end_session_confirm'), secret));
      return;
    }
    if (ctx.path === confirmPath && ctx.method === 'POST' && ctx.status === 303 && oidc.params?.logout) {
      await sessions.signOut(ctx);
    }
  };
}
