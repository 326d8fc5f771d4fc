/**
 * The one place the MCP endpoint's refusals are rendered (issue 12 item 4). Its middlewares throw
 * typed wire errors (gateway/errors/wireErrors.ts) and this, the first of them, answers:
 * - RFC 6750 refusals (AUTH-02, AUTH-06, AUTH-07, AUTH-10) as the Bearer challenge pointing at the
 *   Protected Resource Metadata, with the RFC code in the header and the JSON body — and no code at
 *   all when the request carried no credentials (§3.1);
 * - transport refusals (TRANSPORT-*) as an id-less JSON-RPC error object with the prescribed status.
 * Anything else goes on to the application's error handler (413, 500).
 */
import type { Context, Middleware } from 'koa';
import { AuthorizationRequired, InsufficientScope, InvalidRequest, InvalidToken, McpTransportRefusal } from '../errors/wireErrors.ts';
import { MCP_SCOPE } from '../oauth/scopes.ts';
import { bearerChallenge } from './wwwAuthenticate.ts';

type BearerRefusal = AuthorizationRequired | InvalidRequest | InvalidToken | InsufficientScope;

const isBearerRefusal = (error: unknown): error is BearerRefusal =>
  error instanceof AuthorizationRequired || error instanceof InvalidRequest || error instanceof InvalidToken || error instanceof InsufficientScope;

/** A JSON-RPC error answer without an id (the request could not be read as one, or was refused before). */
function renderTransportRefusal(ctx: Context, refusal: McpTransportRefusal): void {
  for (const [name, value] of Object.entries(refusal.headers)) ctx.set(name, value);
  ctx.status = refusal.status;
  ctx.type = 'application/json';
  ctx.body = { jsonrpc: '2.0', error: { code: refusal.rpcCode, message: refusal.description }, id: null };
}

export function mcpRefusals(resourceMetadataUrl: string): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof McpTransportRefusal) return renderTransportRefusal(ctx, error);
      if (!isBearerRefusal(error)) throw error;
      ctx.status = error.status;
      const code = error instanceof AuthorizationRequired ? undefined : error.error;
      const scope = error instanceof InsufficientScope ? error.requiredScope : MCP_SCOPE;
      ctx.set('WWW-Authenticate', bearerChallenge({ resourceMetadataUrl, scope, error: code, description: error.description }));
      ctx.body = error.toJSON();
    }
  };
}
