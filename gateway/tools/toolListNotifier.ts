/**
 * LISTCHANGED-02/03: when a user's tools change (grants, connections), every open session of that
 * user hears `notifications/tools/list_changed` on its GET stream — the SDK sends unsolicited
 * messages there. Clients that ignore it still see the change on their next tools/list (Refresh,
 * LISTCHANGED-05), because lists are computed per request.
 */
import type { Logger } from '../logging/logger.ts';
import type { SessionRegistry } from '../mcp/sessionRegistry.ts';

export interface ToolListNotifier {
  toolsChanged(accountId: string, clientId?: string): Promise<number>;
}

export function createToolListNotifier(sessions: SessionRegistry, logger: Logger): ToolListNotifier {
  return {
    async toolsChanged(accountId, clientId) {
      const targets = sessions.forSubject(accountId).filter((session) => !clientId || session.owner.clientId === clientId);
      await Promise.all(targets.map((session) => session.server.sendToolListChanged().catch((error: unknown) => logger.debug('mcp.notify_failed', { error }))));
      if (targets.length) logger.info('mcp.tools_list_changed', { account_id: accountId, sessions: targets.length });
      return targets.length;
    },
  };
}
