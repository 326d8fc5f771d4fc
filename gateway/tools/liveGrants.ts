/**
 * The connectors a caller may use through this client: what the user granted it, minus connectors
 * the catalogue no longer has, minus those the user has no connection for (a broken connection still
 * counts: its calls say how to fix it). Tools, prompts and completions are all scoped by this.
 * A caller of a per-connector endpoint sees that connector alone. Reads the hot path's cached grants
 * and connections (storeCache.ts).
 */
import type { Catalog } from '../connectors/catalog.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { ToolGrant, ToolGrantStore, UpstreamConnection } from '../store/store.ts';
import { connectionStatus } from '../upstream/connectionStatus.ts';
import type { ToolCaller } from './toolCatalog.ts';

export interface LiveGrant {
  readonly grant: ToolGrant;
  readonly connector: ConnectorConfig;
}

export interface LiveGrantDeps {
  readonly catalog: Catalog;
  readonly grants: Pick<ToolGrantStore, 'listForClient'>;
  readonly connections: { listForAccount(accountId: string): Promise<UpstreamConnection[]> };
}

export type LiveGrants = (caller: ToolCaller) => Promise<LiveGrant[]>;

export function createLiveGrants({ catalog, grants, connections }: LiveGrantDeps): LiveGrants {
  return async (caller) => {
    const [clientGrants, userConnections] = await Promise.all([grants.listForClient(caller.user.id, caller.client.id), connections.listForAccount(caller.user.id)]);
    const connectionOf = new Map(userConnections.map((connection) => [connection.connectorId, connection]));
    return clientGrants.flatMap((grant) => {
      if (caller.onlyConnector !== undefined && grant.connectorId !== caller.onlyConnector) return [];
      const connector = catalog.byId(grant.connectorId);
      return connector && connectionStatus(connector, connectionOf.get(grant.connectorId)) !== 'not_connected' ? [{ grant, connector }] : [];
    });
  };
}

/** The caller's live grant of one connector, undefined when it has none (nothing of it may be used). */
export async function grantOf(liveGrants: LiveGrants, caller: ToolCaller, connectorId: string): Promise<ToolGrant | undefined> {
  return (await liveGrants(caller)).find((live) => live.connector.id === connectorId)?.grant;
}
