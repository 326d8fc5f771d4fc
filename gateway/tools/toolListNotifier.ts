/**
 * LISTCHANGED-02/03: when what a user may use changes (grants, connections, or an upstream saying its
 * list changed), every open session of that user hears `notifications/tools/list_changed` — and,
 * for the prompts and resources that come from the same connectors, `prompts/list_changed` and
 * `resources/list_changed` — on its GET stream; the SDK sends unsolicited messages there. Clients
 * that ignore it still see the change on their next list (Refresh, LISTCHANGED-05), because lists
 * are computed per request.
 *
 * Several replicas (issue 14): a change is published on the store's channel and every replica tells
 * the sessions whose GET stream it holds, and its own 2026-07-28 listeners. When the change is a
 * connector's (its list, or the user's connection to it), what each replica caches of it (upstream
 * lists, the pooled upstream session) is dropped first — so the list clients fetch next is the new
 * one. A grant change drops nothing: grants are applied to the cached lists on every read.
 */
import type { Logger } from '../logging/logger.ts';
import type { McpSession, SessionRegistry } from '../mcp/sessionRegistry.ts';
import type { StoreChannel } from '../store/store.ts';

export type ListKind = 'tools' | 'prompts' | 'resources';

const ALL: readonly ListKind[] = ['tools', 'prompts', 'resources'];
const TOPIC = 'mcp_list_changed';
const send: Record<ListKind, (session: McpSession) => Promise<void>> = {
  tools: (session) => session.server.sendToolListChanged(),
  prompts: (session) => session.server.sendPromptListChanged(),
  resources: (session) => session.server.sendResourceListChanged(),
};

export interface ToolListNotifier {
  /** What the user granted a client changed: all three lists (nothing cached to drop). */
  toolsChanged(accountId: string, clientId?: string): Promise<void>;
  /** The user's connection to `connectorId` changed (connected, replaced, removed): all three lists, and its upstream session ends. */
  connectionChanged(accountId: string, connectorId: string): Promise<void>;
  /** One upstream list changed. */
  listChanged(accountId: string, kind: ListKind, connectorId: string): Promise<void>;
}

/** What a replica drops of a changed connector before it tells its clients; `reconnect`: the connection itself changed. */
export type DropCached = (accountId: string, connectorId: string, kinds: readonly ListKind[], reconnect: boolean) => Promise<void>;

/** Clients of revision 2026-07-28 have no session: they hear of changes on their `subscriptions/listen` streams. */
export interface StatelessListeners {
  listChanged(accountId: string, kinds: readonly ListKind[], clientId?: string): void;
}

interface Change {
  readonly accountId: string;
  readonly kinds: readonly ListKind[];
  readonly clientId?: string | undefined;
  readonly connectorId?: string | undefined;
  /** The connection itself changed: the pooled upstream session is dropped too. */
  readonly reconnect: boolean;
  /** The replica that published it, which dropped its own caches already. */
  readonly from: string;
}

/** A message off the channel: anything malformed is dropped, never thrown. */
function parseChange(payload: string): Change | undefined {
  try {
    const change = JSON.parse(payload) as Partial<Change>;
    if (typeof change.accountId !== 'string' || !Array.isArray(change.kinds)) return undefined;
    const kinds = change.kinds.filter((kind): kind is ListKind => ALL.includes(kind));
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return { accountId: change.accountId, kinds, clientId: text(change.clientId), connectorId: text(change.connectorId), reconnect: change.reconnect === true, from: text(change.from) ?? '' };
  } catch {
    return undefined;
  }
}

export function createToolListNotifier(sessions: SessionRegistry, channel: StoreChannel, replicaId: string, logger: Logger, dropCached: DropCached, stateless?: StatelessListeners): ToolListNotifier {
  const dropFor = async ({ accountId, kinds, connectorId, reconnect }: Change) => {
    if (connectorId) await dropCached(accountId, connectorId, kinds, reconnect);
  };
  const notifyHere = async (change: Change) => {
    const { accountId, kinds, clientId } = change;
    if (change.from !== replicaId) await dropFor(change).catch((error: unknown) => logger.warn('mcp.cache_drop_failed', { error }));
    stateless?.listChanged(accountId, kinds, clientId);
    const targets = sessions.forSubject(accountId, clientId).filter((session) => session.listening);
    await Promise.all(targets.flatMap((session) => kinds.map((kind) => send[kind](session).catch((error: unknown) => logger.debug('mcp.notify_failed', { error })))));
    if (targets.length) logger.info('mcp.list_changed', { account_id: accountId, lists: kinds.join(','), sessions: targets.length });
  };
  channel.subscribe(TOPIC, (payload) => {
    const change = parseChange(payload);
    if (change) void notifyHere(change);
  });
  const publish = async (change: Omit<Change, 'from' | 'reconnect'> & { reconnect?: boolean }) => {
    const stamped: Change = { reconnect: false, ...change, from: replicaId };
    // This replica drops at once, so the request that made the change already sees its effect; the
    // others when the message reaches them (it reaches this one too, to tell its clients).
    await dropFor(stamped);
    await channel.publish(TOPIC, JSON.stringify(stamped)).catch((error: unknown) => logger.warn('mcp.notify_failed', { error }));
  };
  return {
    toolsChanged: (accountId, clientId) => publish({ accountId, kinds: ALL, clientId }),
    connectionChanged: (accountId, connectorId) => publish({ accountId, kinds: ALL, connectorId, reconnect: true }),
    listChanged: (accountId, kind, connectorId) => publish({ accountId, kinds: [kind], connectorId }),
  };
}
