/**
 * LISTCHANGED-02/03: when what a user may use changes (grants, connections, or an upstream saying its
 * list changed), every open session of that user hears `notifications/tools/list_changed` — and,
 * for the prompts and resources that come from the same connectors, `prompts/list_changed` and
 * `resources/list_changed` — on its GET stream; the SDK sends unsolicited messages there. Clients
 * that ignore it still see the change on their next list (Refresh, LISTCHANGED-05), because lists
 * are computed per request.
 *
 * Several replicas (issue 14): a change is published on the store's channel and every replica tells
 * the sessions whose GET stream it holds, and its own 2026-07-28 listeners.
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
  /** What the user's connectors offer changed (a grant or a connection): all three lists. */
  toolsChanged(accountId: string, clientId?: string): Promise<void>;
  /** One upstream list changed. */
  listChanged(accountId: string, kind: ListKind): Promise<void>;
}

/** Clients of revision 2026-07-28 have no session: they hear of changes on their `subscriptions/listen` streams. */
export interface StatelessListeners {
  listChanged(accountId: string, kinds: readonly ListKind[], clientId?: string): void;
}

interface Change {
  readonly accountId: string;
  readonly kinds: readonly ListKind[];
  readonly clientId?: string | undefined;
}

/** A message off the channel: anything malformed is dropped, never thrown. */
function parseChange(payload: string): Change | undefined {
  try {
    const change = JSON.parse(payload) as Partial<Change>;
    if (typeof change.accountId !== 'string' || !Array.isArray(change.kinds)) return undefined;
    const kinds = change.kinds.filter((kind): kind is ListKind => ALL.includes(kind));
    return { accountId: change.accountId, kinds, clientId: typeof change.clientId === 'string' ? change.clientId : undefined };
  } catch {
    return undefined;
  }
}

export function createToolListNotifier(sessions: SessionRegistry, channel: StoreChannel, logger: Logger, stateless?: StatelessListeners): ToolListNotifier {
  const notifyHere = async ({ accountId, kinds, clientId }: Change) => {
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
    await channel.publish(TOPIC, JSON.stringify(change)).catch((error: unknown) => logger.warn('mcp.notify_failed', { error }));
  };
  return {
    toolsChanged: (accountId, clientId) => publish({ accountId, kinds: ALL, clientId }),
    listChanged: (accountId, kind) => publish({ accountId, kinds: [kind] }),
  };
}
