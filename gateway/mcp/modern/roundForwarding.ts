/**
 * A 2026-07-28 multi-round request is one open upstream call held by the replica that started it
 * (inputRounds.ts). Behind a round-robin load balancer with no sticky sessions, the client's retry
 * — a new HTTP request carrying `requestState` — reaches any replica. The state begins with the id
 * of the replica that holds the call; a retry that reached another replica is passed to that one,
 * at the address it announced in the store, and its answer is streamed back as it comes.
 *
 * Safe by construction: the address comes from the store, never from the request (the state only
 * names a replica id); the forwarded request keeps the caller's own bearer token, which the holder
 * checks again, with the conversation's owner binding; a forwarded request is never forwarded again.
 * A state naming no known replica falls through and is refused as unknown by the round itself.
 */
import type { Middleware } from 'koa';
import type { Logger } from '../../logging/logger.ts';
import type { ReplicaStore } from '../../store/store.ts';
import type { McpState } from '../mcpState.ts';
import { sendWebResponse } from '../webExchange.ts';

/** Marks a request one replica passed to another. */
const FORWARDED = 'x-gangway-forwarded-round';
/** The headers a round needs: the caller's token, the revision's own headers, the media types. */
const PASSED_HEADERS = ['authorization', 'content-type', 'accept', 'origin', 'mcp-protocol-version', 'mcp-method', 'mcp-name', 'user-agent'];
const REPLICA_ID = /^([A-Za-z0-9_-]{12})\./;

/** The replica a retry's `requestState` names, when it names one. */
function replicaOf(message: unknown): string | undefined {
  const state = (message as { params?: { requestState?: unknown } } | null)?.params?.requestState;
  return typeof state === 'string' ? REPLICA_ID.exec(state)?.[1] : undefined;
}

export function roundForwarding(replicaId: string, replicas: ReplicaStore, logger: Logger): Middleware<McpState> {
  return async (ctx, next) => {
    const holder = replicaOf(ctx.state.message);
    if (!holder || holder === replicaId || ctx.get(FORWARDED)) return next();
    const target = await replicas.find(holder);
    if (!target) return next();
    const headers = new Headers({ [FORWARDED]: replicaId });
    for (const name of PASSED_HEADERS) {
      const value = ctx.get(name);
      if (value) headers.set(name, value);
    }
    const abort = new AbortController();
    ctx.req.once('close', () => abort.abort());
    let response: Response;
    try {
      response = await fetch(`${target.internalUrl}${ctx.path}`, { method: 'POST', headers, body: JSON.stringify(ctx.state.message), signal: abort.signal });
    } catch (error) {
      // The holder is gone (stopped or killed): its open call went with it; the round says so.
      logger.warn('mcp.round_forward_failed', { replica: holder, error });
      return next();
    }
    logger.debug('mcp.round_forwarded', { replica: holder });
    // The body is re-framed by this server: the holder's framing headers do not apply to it.
    const passedBack = new Headers(response.headers);
    for (const name of ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']) passedBack.delete(name);
    await sendWebResponse(ctx, new Response(response.body, { status: response.status, headers: passedBack }));
  };
}
