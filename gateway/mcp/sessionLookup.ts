/**
 * TRANSPORT-09, SEC-02: which session a request belongs to. A request names its session with
 * Mcp-Session-Id; the id must exist AND belong to the token's user, client and endpoint, otherwise 404 —
 * exactly like an id that never existed. Only `initialize` may come without one, and opens a new
 * session; anything else without one is 400.
 *
 * A session this process has no copy of is looked up in the store (issue 14: the load balancer may
 * send any request of any session to any replica) and rebuilt here; concurrent requests for the
 * same unknown session share one rebuild.
 */
import type { InitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Middleware } from 'koa';
import { JSONRPC_SESSION_NOT_FOUND, JSONRPC_TRANSPORT_ERROR, McpTransportRefusal } from '../errors/wireErrors.ts';
import type { McpState } from './mcpState.ts';
import type { McpSession, SessionOwner, SessionRegistry } from './sessionRegistry.ts';
import type { SessionSharing } from './sessionSharing.ts';
import type { SessionOpener } from './sessionTransport.ts';

const sameOwner = (a: SessionOwner, b: SessionOwner) => a.subject === b.subject && a.clientId === b.clientId && a.resource === b.resource;

export function sessionLookup(sessions: SessionRegistry, opener: SessionOpener, shared: SessionSharing): Middleware<McpState> {
  const reviving = new Map<string, Promise<McpSession | undefined>>();

  const revive = (id: string, owner: SessionOwner): Promise<McpSession | undefined> => {
    let pending = reviving.get(id);
    if (!pending) {
      pending = shared
        .find(id)
        .then((record) => (record && sameOwner(record, owner) ? opener.revive(record) : undefined))
        .finally(() => reviving.delete(id));
      reviving.set(id, pending);
    }
    return pending;
  };

  return async (ctx, next) => {
    const { auth } = ctx.state;
    const owner: SessionOwner = { subject: auth.extra.subject, clientId: auth.clientId, resource: auth.resource?.href ?? '' };
    const sessionId = ctx.get('Mcp-Session-Id');
    if (sessionId) {
      // A copy here that belongs to someone else is as unknown as no session at all.
      const session = sessions.get(sessionId) ? sessions.find(sessionId, owner) : await revive(sessionId, owner);
      if (!session || !sameOwner(session.owner, owner)) throw new McpTransportRefusal(404, JSONRPC_SESSION_NOT_FOUND, 'Session not found');
      session.lastSeenAt = Date.now();
      shared.touch(sessionId);
      ctx.state.session = session;
      ctx.state.transport = session.transport;
    } else if (ctx.state.initializing) {
      ctx.state.session = undefined;
      ctx.state.transport = await opener.open(owner, ctx.state.message as InitializeRequest);
    } else {
      throw new McpTransportRefusal(400, JSONRPC_TRANSPORT_ERROR, 'Bad Request: Mcp-Session-Id header is required');
    }
    await next();
  };
}
