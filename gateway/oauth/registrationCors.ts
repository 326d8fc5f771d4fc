/**
 * CLIENT-INSPECTOR-02: browser-based clients register themselves from their own origin, and
 * oidc-provider has no CORS on the registration endpoint. Open registration is public and uses no
 * cookies, so any origin may call it; the response headers the client needs are exposed.
 */
import type { Middleware } from 'koa';
import { OAUTH_ROUTES } from './createProvider.ts';

export function registrationCors(): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== OAUTH_ROUTES.registration) return next();
    const origin = ctx.get('Origin');
    if (origin) ctx.set('Access-Control-Allow-Origin', origin === 'null' ? '*' : origin);
    ctx.vary('Origin');
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'POST');
      ctx.set('Access-Control-Allow-Headers', ctx.get('Access-Control-Request-Headers') || 'content-type');
      ctx.set('Access-Control-Max-Age', '3600');
      ctx.status = 204;
      return;
    }
    await next();
  };
}
