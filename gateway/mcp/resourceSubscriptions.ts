/**
 * Resource subscriptions through the gateway (issue 13): each client session's subscribed gateway
 * URIs, and the fan-out of an upstream's `notifications/resources/updated` to the sessions of that
 * user that subscribed to the resource — on their own streams, under the gateway's URI for it.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { SessionRegistry } from './sessionRegistry.ts';

/** At most this many subscriptions per session: a client cannot grow the gateway's memory without bound. */
const MAX_PER_SESSION = 1000;
const subscribed = new WeakMap<Server, Set<string>>();

export function subscribe(server: Server, uri: string): boolean {
  const uris = subscribed.get(server) ?? new Set<string>();
  subscribed.set(server, uris);
  if (uris.size >= MAX_PER_SESSION && !uris.has(uri)) return false;
  uris.add(uri);
  return true;
}

export function unsubscribe(server: Server, uri: string): void {
  subscribed.get(server)?.delete(uri);
}

/** Tells the user's sessions subscribed to `uri` that it changed; how many were told. */
export async function resourceUpdated(sessions: SessionRegistry, accountId: string, uri: string): Promise<number> {
  let told = 0;
  for (const session of sessions.forSubject(accountId)) {
    if (!subscribed.get(session.server)?.has(uri)) continue;
    await session.server.sendResourceUpdated({ uri }).catch(() => undefined);
    told++;
  }
  return told;
}
