/**
 * TRANSPORT-01: the MCP endpoint is one path for POST, GET and DELETE (OPTIONS is the CORS
 * preflight, answered before this). Any other method is 405 with the Allow header (RFC 9110 §15.5.6),
 * before authentication: no token can make PUT mean something here.
 */
import type { Middleware } from 'koa';
import { JSONRPC_TRANSPORT_ERROR, McpTransportRefusal } from '../errors/wireErrors.ts';

const ALLOWED = new Set(['GET', 'POST', 'DELETE']);

export function methodCheck(): Middleware {
  return async (ctx, next) => {
    if (!ALLOWED.has(ctx.method)) throw new McpTransportRefusal(405, JSONRPC_TRANSPORT_ERROR, 'Method not allowed', { Allow: 'GET, POST, DELETE, OPTIONS' });
    await next();
  };
}
