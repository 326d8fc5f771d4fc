/**
 * What only one replica can finish (issue 14). Behind a round-robin load balancer with no sticky
 * sessions, a client's next POST reaches any replica, but two kinds belong to the one holding an
 * open upstream call:
 *
 * - a 2026-07-28 multi-round retry: its `requestState` begins with the id of the replica holding
 *   the conversation (modern/inputRounds.ts);
 * - a 2025 client's answer to a question relayed during a call (elicitation, sampling, roots/list):
 *   the question's id begins with the id of the replica that asked (replicaRequestIds.ts).
 *
 * Such a POST that reached another replica is passed to the holder, at the address the holder
 * announced in the store, and its answer is streamed back as it comes.
 *
 * Safe by construction: the address comes from the store, never from the request (the request only
 * names a replica id); the forwarded request keeps the caller's own bearer token and session, which
 * the holder checks again; a forwarded request is never forwarded again. One naming no known
 * replica falls through and is refused (or ignored, for an answer) as unknown where it is.
 */
import type { Middleware } from 'koa';
import type { Logger } from '../logging/logger.ts';
import type { ReplicaStore } from '../store/store.ts';
import type { McpState } from './mcpState.ts';
import { replicaOfAnswer } from './replicaRequestIds.ts';
import { readTag } from './replicaTag.ts';
import { sendWebResponse } from './webExchange.ts';

/** Marks a request one replica passed to another. */
const FORWARDED = 'x-gangway-forwarded';
/** What the holder needs: the caller's token and session, the revisions' own headers, the media types. */
const PASSED_HEADERS = ['authorization', 'content-type', 'accept', 'origin', 'mcp-session-id', 'mcp-protocol-version', 'mcp-method', 'mcp-name', 'user-agent'];

/** The replica a POST must reach, when it names one: a retry's `requestState`, or the id of the question it answers. */
function replicaOf(message: unknown): string | undefined {
  const state = (message as { params?: { requestState?: unknown } } | null)?.params?.requestState;
  if (typeof state === 'string') return readTag(state)?.replicaId;
  return replicaOfAnswer(message);
}

export function replicaForwarding(replicaId: string, replicas: ReplicaStore, logger: Logger): Middleware<McpState> {
  return async (ctx, next) => {
    const holder = replicaOf(ctx.state.message);
    if (ctx.method !== 'POST' || !holder || holder === replicaId || ctx.get(FORWARDED)) return next();
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
      logger.warn('mcp.forward_failed', { replica: holder, error });
      return next();
    }
    logger.debug('mcp.forwarded', { replica: holder });
    // The body is re-framed by this server: the holder's framing headers do not apply to it.
    const passedBack = new Headers(response.headers);
    for (const name of ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']) passedBack.delete(name);
    await sendWebResponse(ctx, new Response(response.body, { status: response.status, headers: passedBack }));
  };
}
