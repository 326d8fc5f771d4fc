/**
 * CLIENT-INSPECTOR-02: browser-based clients (the MCP Inspector) call /mcp from another origin. For
 * the origins originCheck lets through, answer preflights and expose the headers a client must read
 * (the 401 challenge, the session id). Credentials (cookies) are never involved: auth is a header.
 * Revision 2026-07-28 adds the standard request headers Mcp-Method and Mcp-Name, and one
 * `Mcp-Param-<name>` per tool parameter marked `x-mcp-header`: those are allowed as requested.
 */
import type { Middleware } from 'koa';

const ALLOW_HEADERS = 'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID, Mcp-Method, Mcp-Name';
const PARAM_HEADER = /^mcp-param-[a-z0-9-]{1,64}$/i;

/** The fixed list, plus the Mcp-Param-* headers this preflight asks for (at most 32). */
function allowedHeaders(requested: string): string {
  const params = requested
    .split(',')
    .map((name) => name.trim())
    .filter((name) => PARAM_HEADER.test(name))
    .slice(0, 32);
  return params.length ? `${ALLOW_HEADERS}, ${params.join(', ')}` : ALLOW_HEADERS;
}
const EXPOSE_HEADERS = 'WWW-Authenticate, Mcp-Session-Id, Mcp-Protocol-Version';

export function mcpCors(): Middleware {
  return async (ctx, next) => {
    const origin = ctx.get('Origin');
    if (origin) {
      ctx.vary('Origin');
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
      ctx.set('Access-Control-Allow-Headers', allowedHeaders(ctx.get('Access-Control-Request-Headers')));
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    await next();
  };
}
