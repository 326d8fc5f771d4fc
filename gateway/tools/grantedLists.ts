/**
 * A list each granted connector contributes to (prompts, resources, resource templates): every
 * connector the caller may use is asked at once, up to the pool's bound and with a deadline each,
 * through a per-(user, connector) cache served stale while it refreshes; each entry renamed into
 * the gateway's namespace. One that fails or is slow loses only its own part (logged).
 */
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { Logger } from '../logging/logger.ts';
import { fanOut } from './fanOut.ts';
import type { LiveGrants } from './liveGrants.ts';
import type { ToolCaller } from './toolCatalog.ts';
import { createToolListCache } from './toolListCache.ts';

export interface GrantedListDeps {
  readonly liveGrants: LiveGrants;
  readonly logger: Logger;
  readonly cacheMs: number;
  readonly listTimeoutMs?: number;
}

export interface GrantedList<T> {
  list(caller: ToolCaller): Promise<T[]>;
  invalidate(accountId: string, connectorId?: string): void;
}

/** `what` names the list in log lines (`upstream.<what>_list_failed`). */
export function grantedList<T>(
  { liveGrants, logger, cacheMs, listTimeoutMs = 5000 }: GrantedListDeps,
  what: string,
  load: (accountId: string, connector: ConnectorConfig) => Promise<T[]>,
  rename: (connector: ConnectorConfig, item: T) => T,
): GrantedList<T> {
  const failed = (error: unknown, accountId: string, connectorId: string) => logger.warn(`upstream.${what}_list_failed`, { account_id: accountId, connector_id: connectorId, error: (error as Error)?.message });
  const cache = createToolListCache<T>({ ttlMs: cacheMs, onRefreshError: failed });
  return {
    async list(caller) {
      const grants = await liveGrants(caller);
      const outcomes = await fanOut(grants, ({ connector }) => cache.get(caller.user.id, connector.id, () => load(caller.user.id, connector)), { deadlineMs: listTimeoutMs });
      return outcomes.flatMap((outcome, n) => {
        const { connector } = grants[n]!;
        if (outcome.ok) return outcome.value.map((item) => rename(connector, item));
        failed(outcome.error, caller.user.id, connector.id);
        return [];
      });
    },
    invalidate: (accountId, connectorId) => cache.invalidate(accountId, connectorId),
  };
}
