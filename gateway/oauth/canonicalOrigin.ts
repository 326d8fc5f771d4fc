/**
 * oidc-provider builds endpoint URLs (discovery, redirects to the interaction pages) from the
 * request's own URL. Behind a proxy or when reached as localhost instead of 127.0.0.1 that yields
 * endpoints on a different origin than the issuer — clients then refuse the metadata (RFC 8414
 * §3.3) or send the browser to a host the cookies do not belong to (real-world failure #3). Giving
 * the request an absolute URL on the issuer's origin makes every generated URL canonical.
 */
import type { Middleware } from 'koa';

export function canonicalOrigin(issuer: string): Middleware {
  return async (ctx, next) => {
    ctx.request.originalUrl = new URL(ctx.originalUrl, issuer).href;
    await next();
  };
}
