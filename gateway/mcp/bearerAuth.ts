/**
 * Authentication of every MCP request (SEC-01: a session id is not authentication).
 * AUTH-10  a token in the query string is refused (400 invalid_request) — only the header counts
 * AUTH-02  no token → 401 with the Bearer challenge pointing at Protected Resource Metadata
 * AUTH-07  invalid or expired token → 401 invalid_token; malformed Authorization → 400
 * AUTH-06  a valid token without `mcp:tools` → 403 insufficient_scope with the scope to ask for
 * AUTH-08  a token minted for another of the gateway's endpoints (`/mcp` vs `/mcp/<connector>`) → 401
 *          invalid_token: RFC 8707 audience binding holds between the gateway's own resources too
 * The refusals are thrown as typed wire errors; mcpRefusals.ts renders the challenge.
 */
import type { Middleware } from 'koa';
import { AuthorizationRequired, InsufficientScope, InvalidRequest, InvalidToken } from '../errors/wireErrors.ts';
import { MCP_SCOPE } from '../oauth/scopes.ts';
import { TokenRejected, type AccessTokenVerifier } from './accessTokenVerifier.ts';
import type { McpState } from './mcpState.ts';

const QUERY_TOKEN_PARAMS = ['access_token', 'token', 'bearer'];
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** `resource` is the endpoint's URL: the audience a token must carry to be used here. */
export function bearerAuth(verify: AccessTokenVerifier, resource: string): Middleware<McpState> {
  const expected = new URL(resource).href;
  return async (ctx, next) => {
    if (ctx.querystring && QUERY_TOKEN_PARAMS.some((name) => ctx.URL.searchParams.has(name))) {
      throw new InvalidRequest('access tokens are accepted only in the Authorization header, never in the URL');
    }
    const header = ctx.get('Authorization');
    if (!header) throw new AuthorizationRequired('authorization required');
    const match = BEARER.exec(header);
    if (!match) {
      if (/^Bearer\b/i.test(header)) throw new InvalidRequest('the Authorization header is not a valid Bearer credential');
      throw new AuthorizationRequired('authorization required: use a Bearer access token');
    }
    try {
      ctx.state.auth = await verify(match[1] as string);
    } catch (error) {
      if (error instanceof TokenRejected) throw new InvalidToken(error.message);
      throw error;
    }
    if (ctx.state.auth.resource?.href !== expected) throw new InvalidToken(`the access token was issued for another resource; ask for a token for ${resource}`);
    if (!ctx.state.auth.scopes.includes(MCP_SCOPE)) throw new InsufficientScope(`this endpoint needs the ${MCP_SCOPE} scope`, MCP_SCOPE);
    await next();
  };
}
