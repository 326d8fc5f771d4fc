/**
 * Per-client-IP limits on the anonymous OAuth endpoints (issue 11: 500 concurrent registrations of
 * 52 KB with 1,000 redirect URIs each were all accepted):
 *
 * - POST /register: at most `perIpPerWindow` per window, and a body of at most `maxBodyBytes`
 *   (413 before it is buffered whole); redirect-URI count and syntax are clientPolicy.ts.
 * - /token and /authorize: per-minute limits, generous by default (a refresh every few seconds
 *   from one NAT is normal; a flood is not).
 *
 * Over a limit: 429 `temporarily_unavailable` with Retry-After. The client IP is ctx.ip, which
 * honours X-Forwarded-For only when GANGWAY_TRUST_PROXY is set; an IPv6 client counts by its /64.
 */
import type { Middleware } from 'koa';
import type { ResolvedConfig } from '../config/loadConfig.ts';
import type { LimitStore } from '../store/store.ts';
import { TooManyRequests } from '../errors/wireErrors.ts';
import { limitAddress } from '../http/limitAddress.ts';
import { OAUTH_ROUTES } from './createProvider.ts';
import { createWindowLimiter, type WindowLimiter } from './endpointRateLimit.ts';
import { limitRequestBody } from './requestBody.ts';

type LimitConfig = Pick<ResolvedConfig, 'registration' | 'rateLimits'>;

/** The longest of these windows: the sweep must not delete a window younger than this. */
export const longestOAuthWindowMs = ({ registration }: LimitConfig): number => Math.max(60_000, registration.windowSeconds * 1000);

/** Counted in the store (issue 14): replicas sharing it enforce one limit per address together. */
export function oauthEndpointLimits(store: LimitStore, { registration, rateLimits }: LimitConfig): Middleware {
  const window = (name: string, limit: number, windowMs: number) => createWindowLimiter(store, name, limit, windowMs);
  const limits: Record<string, { limiter: WindowLimiter; what: string }> = {
    [OAUTH_ROUTES.registration]: {
      limiter: window('oauth/register', registration.perIpPerWindow, registration.windowSeconds * 1000),
      what: 'client registrations',
    },
    [OAUTH_ROUTES.token]: { limiter: window('oauth/token', rateLimits.tokenPerMinute, 60_000), what: 'token requests' },
    [OAUTH_ROUTES.authorization]: { limiter: window('oauth/authorize', rateLimits.authorizePerMinute, 60_000), what: 'authorization requests' },
  };
  return async (ctx, next) => {
    const limit = limits[ctx.path];
    const counted = limit && (ctx.method === 'POST' || (ctx.method === 'GET' && ctx.path === OAUTH_ROUTES.authorization));
    if (!counted) return next();
    const retryAfter = await limit.limiter.take(limitAddress(ctx.ip));
    if (retryAfter > 0) throw new TooManyRequests(`too many ${limit.what} from this address; retry after ${retryAfter} seconds`, retryAfter);
    if (ctx.path === OAUTH_ROUTES.registration) await limitRequestBody(ctx, registration.maxBodyBytes);
    return next();
  };
}
