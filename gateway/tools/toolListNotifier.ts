/**
 * LISTCHANGED-02/03: when what a user may use changes (grants, connections, or an upstream saying its
 * list changed), every open session of that user hears `notifications/tools/list_changed` — and,
 * for the prompts and resources that come from the same connectors, `prompts/list_changed` and
 * `resources/list_changed` — on its GET stream; the SDK sends unsolicited messages there. Clients
 * that ignore it still see the change on their next list (Refresh, LISTCHANGED-05), because lists
 * are computed per request.
 *
 * Several replicas (issue 14): a change is published on the store's channel and every replica tells
 * the sessions whose GET stream it holds, and its own 2026-07-28 listeners. What each replica
 * caches of the change's connector (upstream lists, the pooled upstream session) is dropped by the
 * same message, before its clients are told — so the list they fetch next is the new one.
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
  /** What the user granted a client changed: all three lists. */
  toolsChanged(accountId: string, clientId?: string): Promise<void>;
  /** The user's connection to `connectorId` changed (connected, replaced, removed): all three lists, and its upstream session ends. */
  connectionChanged(accountId: string, connectorId: string): Promise<void>;
  /** One upstream list changed. */
  listChanged(accountId: string, kind: ListKind, connectorId: string): Promise<void>;
}

/** What a replica drops when it hears of a change, before it tells its clients. */
export type DropCached = (change: { accountId: string; kinds: readonly ListKind[]; connectorId?: string | undefined; reconnect: boolean }) => Promise<void>;

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
  readonly reconnect?: boolean | undefined;
}

/** A message off the channel: anything malformed is dropped, never thrown. */
function parseChange(payload: string): Change | undefined {
  try {
    const change = JSON.parse(payload) as Partial<Change>;
    if (typeof change.accountId !== 'string' || !Array.isArray(change.kinds)) return undefined;
    const kinds = change.kinds.filter((kind): kind is ListKind => ALL.includes(kind));
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return { accountId: change.accountId, kinds, clientId: text(change.clientId), connectorId: text(change.connectorId), reconnect: change.reconnect === true };
  } catch {
    return undefined;
  }
}

export function createToolListNotifier(sessions: SessionRegistry, channel: StoreChannel, logger: Logger, dropCached: DropCached, stateless?: StatelessListeners): ToolListNotifier {
  const notifyHere = async ({ accountId, kinds, clientId, connectorId, reconnect }: Change) => {
    await dropCached({ accountId, kinds, connectorId, reconnect: reconnect === true }).catch((error: unknown) => logger.warn('mcp.cache_drop_failed', { error }));
    stateless?.listChanged(accountId, kinds, clientId);
    const targets = sessions.forSubject(accountId, clientId).filter((session) => session.listening);
    await Promise.all(targets.flatMap((session) => kinds.map((kind) => send[kind](session).catch((error: unknown) => logger.debug('mcp.notify_failed', { error })))));
    if (targets.length) logger.info('mcp.list_changed', { account_id: accountId, lists: kinds.join(','), sessions: targets.length });
  };
  channel.subscribe(TOPIC, (payload) => {
    const change = parseChange(payload);
    if (change) void notifyHere(change);
  });
  const publish = async (change: Change) => {
    // This replica at once, so the request that made the change already sees its effect; the
    // message then reaches every replica, this one included (dropping twice is harmless).
    await dropCached({ accountId: change.accountId, kinds: change.kinds, connectorId: change.connectorId, reconnect: change.reconnect === true });
    await channel.publish(TOPIC, JSON.stringify(change)).catch((error: unknown) => logger.warn('mcp.notify_failed', { error }));
  };
  return {
    toolsChanged: (accountId, clientId) => publish({ accountId, kinds: ALL, clientId }),
    connectionChanged: (accountId, connectorId) => publish({ accountId, kinds: ALL, connectorId, reconnect: true }),
    listChanged: (accountId, kind, connectorId) => publish({ accountId, kinds: [kind], connectorId }),
  };
}
