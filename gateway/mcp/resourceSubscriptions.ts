/**
 * Resource subscriptions through the gateway (issue 13): each client session's subscribed gateway
 * URIs, and the fan-out of an upstream's `notifications/resources/updated` to the sessions of that
 * user that subscribed to the resource — on their own streams, under the URI each client used for
 * it (the aggregated endpoint's gateway URI, or a per-connector endpoint's upstream URI).
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { StoreChannel } from '../store/store.ts';
import type { SessionRegistry } from './sessionRegistry.ts';
import { stateChanged } from './sessionStateWatch.ts';

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
  stateChanged(server);
  return true;
}

export function unsubscribe(server: Server, uri: string): void {
  if (subscribed.get(server)?.delete(uri)) stateChanged(server);
}

/** This session's subscriptions as [gateway URI, client's URI] pairs (saved with the session: sessionState.ts). */
export const subscriptionsOf = (server: Server): [string, string][] => [...(subscribed.get(server) ?? [])];

/** Gives a session rebuilt on this replica the subscriptions its client made elsewhere (bounded as ever). */
export function restoreSubscriptions(server: Server, entries: readonly (readonly [string, string])[]): void {
  subscribed.set(server, new Map(entries.slice(0, MAX_PER_SESSION)));
}

/** Tells the user's sessions subscribed to `uri` that it changed; how many were told. */
export async function resourceUpdated(sessions: SessionRegistry, accountId: string, uri: string): Promise<number> {
  let told = 0;
  for (const session of sessions.forSubject(accountId)) {
    if (!session.listening) continue;
    const clientUri = subscribed.get(session.server)?.get(uri);
    if (clientUri === undefined) continue;
    await session.server.sendResourceUpdated({ uri: clientUri }).catch(() => undefined);
    told++;
  }
  return told;
}

const TOPIC = 'mcp_resource_updated';

/**
 * An upstream's update reaches the replica that holds the user's upstream subscription; the
 * client's stream may be on another (issue 14). So the update is published on the store's channel
 * and every replica tells its own listening sessions and 2026-07-28 listeners (`alsoTell`).
 */
export function resourceUpdates(channel: StoreChannel, sessions: SessionRegistry, alsoTell: (accountId: string, uri: string) => void): (accountId: string, uri: string) => void {
  channel.subscribe(TOPIC, (payload) => {
    const cut = payload.indexOf(' ');
    if (cut < 1) return;
    const accountId = payload.slice(0, cut);
    const uri = payload.slice(cut + 1);
    alsoTell(accountId, uri);
    void resourceUpdated(sessions, accountId, uri);
  });
  // Account ids never contain a space (directory ids); the URI is the rest of the payload.
  return (accountId, uri) => void channel.publish(TOPIC, `${accountId} ${uri}`).catch(() => undefined);
}
