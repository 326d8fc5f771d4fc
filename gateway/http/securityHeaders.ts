/**
 * Headers on every gateway response. Pages cannot be framed (AS-08 clickjacking on the consent
 * page: `frame-ancestors 'none'` plus X-Frame-Options for old browsers), run no inline script, and
 * submit forms only to this origin.
 */
import type { Middleware } from 'koa';

const CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    await next();
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    const type = ctx.response.get('Content-Type');
    if (!type || type.startsWith('text/html')) {
      ctx.set('Content-Security-Policy', CSP);
      ctx.set('X-Frame-Options', 'DENY');
      ctx.set('Cache-Control', 'no-store');
    }
  };
}
