/**
 * TRANSPORT-09, SEC-02: which session a request belongs to. A request names its session with
 * Mcp-Session-Id; the id must exist AND belong to the token's user, client and endpoint, otherwise 404 —
 * exactly like an id that never existed. Only `initialize` may come without one, and opens a new
 * session; anything else without one is 400.
 */
import type { Middleware } from 'koa';
import { JSONRPC_SESSION_NOT_FOUND, JSONRPC_TRANSPORT_ERROR, McpTransportRefusal } from '../errors/wireErrors.ts';
import type { McpState } from './mcpState.ts';
import type { SessionOwner, SessionRegistry } from './sessionRegistry.ts';
import type { SessionOpener } from './sessionTransport.ts';

export function sessionLookup(sessions: SessionRegistry, openSession: SessionOpener): Middleware<McpState> {
  return async (ctx, next) => {
    const { auth } = ctx.state;
    const owner: SessionOwner = { subject: auth.extra.subject, clientId: auth.clientId, resource: auth.resource?.href ?? '' };
    const sessionId = ctx.get('Mcp-Session-Id');
    if (sessionId) {
      const session = sessions.find(sessionId, owner);
      if (!session) throw new McpTransportRefusal(404, JSONRPC_SESSION_NOT_FOUND, 'Session not found');
      ctx.state.session = session;
      ctx.state.transport = session.transport;
    } else if (ctx.state.initializing) {
      ctx.state.session = undefined;
      ctx.state.transport = await openSession(owner);
    } else {
      throw new McpTransportRefusal(400, JSONRPC_TRANSPORT_ERROR, 'Bad Request: Mcp-Session-Id header is required');
    }
    await next();
  };
}
