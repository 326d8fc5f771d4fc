/**
 * Resource subscriptions through the gateway (issue 13): each client session's subscribed gateway
 * URIs, and the fan-out of an upstream's `notifications/resources/updated` to the sessions of that
 * user that subscribed to the resource — on their own streams, under the URI each client used for
 * it (the aggregated endpoint's gateway URI, or a per-connector endpoint's upstream URI).
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { SessionRegistry } from './sessionRegistry.ts';

/** At most this many subscriptions per session: a client cannot grow the gateway's memory without bound. */
const MAX_PER_SESSION = 1000;
/** Per session: gateway URI → the URI its client subscribed with. */
const subscribed = new WeakMap<Server, Map<string, string>>();

/** `uri` is the gateway's URI for the resource, `clientUri` what this session's client calls it. */
export function subscribe(server: Server, uri: string, clientUri = uri): boolean {
  const uris = subscribed.get(server) ?? new Map<string, string>();
  subscribed.set(server, uris);
  if (uris.size >= MAX_PER_SESSION && !uris.has(uri)) return false;
  uris.set(uri, clientUri);
  return true;
}

export function unsubscribe(server: Server, uri: string): void {
  subscribed.get(server)?.delete(uri);
}

/** Tells the user's sessions subscribed to `uri` that it changed; how many were told. */
export async function resourceUpdated(sessions: SessionRegistry, accountId: string, uri: string): Promise<number> {
  let told = 0;
  for (const session of sessions.forSubject(accountId)) {
    const clientUri = subscribed.get(session.server)?.get(uri);
    if (clientUri === undefined) continue;
    await session.server.sendResourceUpdated({ uri: clientUri }).catch(() => undefined);
    told++;
  }
  return told;
}
