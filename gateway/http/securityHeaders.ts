/**
 * Headers on every gateway response. Pages cannot be framed (AS-08 clickjacking on the consent
 * page: `frame-ancestors 'none'` plus X-Frame-Options for old browsers), run no inline script, and
 * submit forms only to this origin — plus, on the OAuth interaction pages, the one client origin the
 * form's redirect chain ends at (browsers apply form-action to redirects after a submission).
 */
import type { Middleware } from 'koa';

export interface SecurityHeadersState {
  /** Extra CSP sources a form on this page may end up at, e.g. the OAuth client's redirect origin. */
  formActionSources?: string[];
}

const cspFor = (formActionSources: readonly string[]) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'unsafe-inline'",
    "img-src 'self' data: https:",
    `form-action ${["'self'", ...formActionSources].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');

/** The CSP source expression that admits a redirect URI: its origin, or its private-use scheme. */
export function cspSourceFor(uri: string): string | undefined {
  const url = URL.parse(uri);
  if (!url) return undefined;
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) ? url.protocol : undefined;
}

export function securityHeaders(): Middleware<SecurityHeadersState> {
  return async (ctx, next) => {
    await next();
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    const type = ctx.response.get('Content-Type');
    if (!type || type.startsWith('text/html')) {
      ctx.set('Content-Security-Policy', cspFor(ctx.state.formActionSources ?? []));
      ctx.set('X-Frame-Options', 'DENY');
      ctx.set('Cache-Control', 'no-store');
    }
  };
}
