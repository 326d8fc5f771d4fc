/**
 * Authentication of every MCP request (SEC-01: a session id is not authentication).
 * AUTH-10  a token in the query string is refused (400 invalid_request) — only the header counts
 * AUTH-02  no token → 401 with the Bearer challenge pointing at Protected Resource Metadata
 * AUTH-07  invalid or expired token → 401 invalid_token; malformed Authorization → 400
 * AUTH-06  a valid token without `mcp:tools` → 403 insufficient_scope with the scope to ask for
 */
import type { Context, Middleware } from 'koa';
import { MCP_SCOPE } from '../oauth/scopes.ts';
import { TokenRejected, type AccessTokenVerifier, type VerifiedAccessToken } from './accessTokenVerifier.ts';
import { bearerChallenge, type Challenge } from './wwwAuthenticate.ts';

export interface BearerAuthOptions {
  readonly verify: AccessTokenVerifier;
  readonly resourceMetadataUrl: string;
}

export interface AuthenticatedState {
  auth: VerifiedAccessToken;
}

const QUERY_TOKEN_PARAMS = ['access_token', 'token', 'bearer'];

export function bearerAuth({ verify, resourceMetadataUrl }: BearerAuthOptions): Middleware<AuthenticatedState> {
  const refuse = (ctx: Context, status: number, error: Challenge['error'] | undefined, description: string) => {
    ctx.status = status;
    ctx.set('WWW-Authenticate', bearerChallenge({ resourceMetadataUrl, scope: MCP_SCOPE, error, description }));
    ctx.body = error ? { error, error_description: description } : { error: 'unauthorized', error_description: description };
  };

  return async (ctx, next) => {
    if (QUERY_TOKEN_PARAMS.some((name) => ctx.URL.searchParams.has(name))) {
      return refuse(ctx, 400, 'invalid_request', 'access tokens are accepted only in the Authorization header, never in the URL');
    }
    const header = ctx.get('Authorization');
    if (!header) return refuse(ctx, 401, undefined, 'authorization required');
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
    if (!match) {
      return /^Bearer\b/i.test(header)
        ? refuse(ctx, 400, 'invalid_request', 'the Authorization header is not a valid Bearer credential')
        : refuse(ctx, 401, undefined, 'authorization required: use a Bearer access token');
    }
    let verified: VerifiedAccessToken;
    try {
      verified = await verify(match[1] as string);
    } catch (error) {
      if (error instanceof TokenRejected) return refuse(ctx, 401, 'invalid_token', error.message);
      throw error;
    }
    if (!verified.scopes.includes(MCP_SCOPE)) {
      return refuse(ctx, 403, 'insufficient_scope', `this endpoint needs the ${MCP_SCOPE} scope`);
    }
    ctx.state.auth = verified;
    await next();
  };
}
