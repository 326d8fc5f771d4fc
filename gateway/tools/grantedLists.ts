/**
 * A list each granted connector contributes to (tools, prompts, resources, resource templates):
 * every connector the caller may use is asked at once, up to the pool's bound and with a deadline
 * each, through a per-(user, connector) cache served stale while it refreshes; `contribute` turns a
 * connector's upstream list into its part (renamed into the gateway's namespace, filtered by the
 * grant). One that fails or is slow loses only its own part (logged).
 */
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { Logger } from '../logging/logger.ts';
import { fanOut } from './fanOut.ts';
import type { LiveGrant, LiveGrants } from './liveGrants.ts';
import type { ToolCaller } from './toolCatalog.ts';
import { createToolListCache } from './toolListCache.ts';

export interface GrantedListDeps {
  readonly liveGrants: LiveGrants;
  readonly logger: Logger;
  readonly cacheMs: number;
  readonly listTimeoutMs?: number;
}

export interface GrantedList<T, P = T> {
  list(caller: ToolCaller): Promise<P[]>;
  /** One connector's upstream list for one user, through the cache. */
  upstream(accountId: string, connector: ConnectorConfig): Promise<T[]>;
  /** The upstream list held now, without loading. */
  peek(accountId: string, connectorId: string): T[] | undefined;
  invalidate(accountId: string, connectorId?: string): void;
}

/** `what` names the list in log lines (`upstream.<what>_list_failed`). */
export function grantedList<T, P = T>(
  { liveGrants, logger, cacheMs, listTimeoutMs = 5000 }: GrantedListDeps,
  what: string,
  load: (accountId: string, connector: ConnectorConfig) => Promise<T[]>,
  contribute: (live: LiveGrant, items: T[]) => P[],
): GrantedList<T, P> {
  const failed = (error: unknown, accountId: string, connectorId: string) => logger.warn(`upstream.${what}_list_failed`, { account_id: accountId, connector_id: connectorId, error: (error as Error)?.message });
  const cache = createToolListCache<T>({ ttlMs: cacheMs, onRefreshError: failed });
  const upstream = (accountId: string, connector: ConnectorConfig) => cache.get(accountId, connector.id, () => load(accountId, connector));
  return {
    async list(caller) {
      const grants = await liveGrants(caller);
      const outcomes = await fanOut(grants, ({ connector }) => upstream(caller.user.id, connector), { deadlineMs: listTimeoutMs });
      return outcomes.flatMap((outcome, n) => {
        if (outcome.ok) return contribute(grants[n]!, outcome.value);
        failed(outcome.error, caller.user.id, grants[n]!.connector.id);
        return [];
      });
    },
    upstream,
    peek: (accountId, connectorId) => cache.peek(accountId, connectorId),
    invalidate: (accountId, connectorId) => cache.invalidate(accountId, connectorId),
  };
}
