/**
 * CSRF protection for the gateway's forms (AS-08). A browser gets a random, HttpOnly binding cookie;
 * each form carries HMAC(key, purpose, binding). A POST is accepted only when the token matches the
 * cookie that came with it and the purpose the handler expects — e.g. `consent:<uid>:<client_id>`,
 * so a token minted for one interaction or client cannot confirm another. SameSite=Lax cookies are
 * the second layer.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { InvalidRequest } from '../errors/wireErrors.ts';

export interface Csrf {
  /** Token for a form rendered in this response (sets the binding cookie when missing). */
  token(ctx: Context, purpose: string): string;
  /** Throws invalid_request unless `submitted` is the token for `purpose` in this browser. */
  verify(ctx: Context, purpose: string, submitted: string | null): void;
}

export function createCsrf(key: string, secureCookies: boolean): Csrf {
  const cookieName = secureCookies ? '__Host-gw.csrf' : 'gw.csrf';
  const mac = (purpose: string, binding: string) =>
    createHmac('sha256', key).update(`${purpose}\n${binding}`).digest('base64url');

  const binding = (ctx: Context, create: boolean): string | undefined => {
    const existing = ctx.cookies.get(cookieName);
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    if (!create) return undefined;
    const fresh = randomBytes(32).toString('base64url');
    ctx.cookies.set(cookieName, fresh, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/', overwrite: true });
    return fresh;
  };

  return {
    token(ctx, purpose) {
      return mac(purpose, binding(ctx, true) as string);
    },
    verify(ctx, purpose, submitted) {
      const bound = binding(ctx, false);
      const expected = bound ? Buffer.from(mac(purpose, bound)) : undefined;
      const actual = Buffer.from(submitted ?? '');
      if (!expected || expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
        throw new InvalidRequest('the form has expired or did not come from this site; reload the page and try again');
      }
    },
  };
}
