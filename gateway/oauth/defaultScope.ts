/**
 * RFC 6749 §3.3: when a client omits `scope`, the authorization server "MUST either process the
 * request using a pre-defined default value or fail". The gateway's default is `mcp:tools` — what
 * the client needs to use the MCP endpoint — so a client that never read the 401 challenge still
 * ends with a usable token instead of a 403.
 */
import type { Middleware } from 'koa';
import { OAUTH_ROUTES } from './createProvider.ts';
import { MCP_SCOPE } from './scopes.ts';

export function defaultScope(): Middleware {
  return async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === OAUTH_ROUTES.authorization) {
      const params = new URLSearchParams(ctx.querystring);
      if (!params.get('scope')?.trim() && !params.has('request_uri') && !params.has('request')) {
        params.set('scope', MCP_SCOPE);
        ctx.querystring = params.toString();
      }
    }
    await next();
  };
}
