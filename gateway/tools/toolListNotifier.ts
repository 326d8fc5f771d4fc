/**
 * LISTCHANGED-02/03: when what a user may use changes (grants, connections, or an upstream saying its
 * list changed), every open session of that user hears `notifications/tools/list_changed` — and,
 * for the prompts and resources that come from the same connectors, `prompts/list_changed` and
 * `resources/list_changed` — on its GET stream; the SDK sends unsolicited messages there. Clients
 * that ignore it still see the change on their next list (Refresh, LISTCHANGED-05), because lists
 * are computed per request.
 */
import type { Logger } from '../logging/logger.ts';
import type { McpSession, SessionRegistry } from '../mcp/sessionRegistry.ts';

export type ListKind = 'tools' | 'prompts' | 'resources';

const ALL: readonly ListKind[] = ['tools', 'prompts', 'resources'];
const send: Record<ListKind, (session: McpSession) => Promise<void>> = {
  tools: (session) => session.server.sendToolListChanged(),
  prompts: (session) => session.server.sendPromptListChanged(),
  resources: (session) => session.server.sendResourceListChanged(),
};

export interface ToolListNotifier {
  /** What the user's connectors offer changed (a grant or a connection): all three lists. */
  toolsChanged(accountId: string, clientId?: string): Promise<number>;
  /** One upstream list changed. */
  listChanged(accountId: string, kind: ListKind): Promise<number>;
}

/** Clients of revision 2026-07-28 have no session: they hear of changes on their `subscriptions/listen` streams. */
export interface StatelessListeners {
  listChanged(accountId: string, kinds: readonly ListKind[], clientId?: string): void;
}

export function createToolListNotifier(sessions: SessionRegistry, logger: Logger, stateless?: StatelessListeners): ToolListNotifier {
  const notify = async (accountId: string, kinds: readonly ListKind[], clientId?: string) => {
    stateless?.listChanged(accountId, kinds, clientId);
    const targets = sessions.forSubject(accountId, clientId);
    await Promise.all(targets.flatMap((session) => kinds.map((kind) => send[kind](session).catch((error: unknown) => logger.debug('mcp.notify_failed', { error })))));
    if (targets.length) logger.info('mcp.list_changed', { account_id: accountId, lists: kinds.join(','), sessions: targets.length });
    return targets.length;
  };
  return {
    toolsChanged: (accountId, clientId) => notify(accountId, ALL, clientId),
    listChanged: (accountId, kind) => notify(accountId, [kind]),
  };
}
