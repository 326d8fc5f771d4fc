/**
 * AS-01 / AS-02: authorization server metadata at every location MCP clients try. oidc-provider
 * serves OIDC discovery at /.well-known/openid-configuration; RFC 8414's
 * /.well-known/oauth-authorization-server is served from the same document so the two can never
 * disagree (the SDK client tries the RFC 8414 location first). The issuer has no path, so these two
 * are the complete list (the path-inserted variants apply only to issuers with a path).
 */
import type { Middleware } from 'koa';

export const RFC8414_PATH = '/.well-known/oauth-authorization-server';
export const OIDC_DISCOVERY_PATH = '/.well-known/openid-configuration';

export function authServerMetadataAlias(): Middleware {
  return async (ctx, next) => {
    if (ctx.path === RFC8414_PATH) ctx.path = OIDC_DISCOVERY_PATH;
    await next();
  };
}
