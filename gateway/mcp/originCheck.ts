/**
 * TRANSPORT-02: DNS-rebinding and cross-site protection. A request that carries an Origin header
 * must come from the gateway's own origin or a configured browser client (the MCP Inspector by
 * default); anything else — including the opaque "null" origin — is refused with 403 before
 * authentication is even looked at. Requests without Origin (server-side clients) pass.
 */
import type { Middleware } from 'koa';
import { JSONRPC_TRANSPORT_ERROR, McpTransportRefusal } from '../errors/wireErrors.ts';

export function originCheck(allowedOrigins: readonly string[]): Middleware {
  const allowed = new Set(allowedOrigins);
  return async (ctx, next) => {
    const origin = ctx.get('Origin');
    if (origin && !allowed.has(origin)) throw new McpTransportRefusal(403, JSONRPC_TRANSPORT_ERROR, `Forbidden: origin ${origin.slice(0, 100)} is not allowed`);
    await next();
  };
}
