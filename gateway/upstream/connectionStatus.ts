/**
 * Where a user stands with one connector — the one rule behind the consent page's rows, "Authorize
 * tools", the portal's Connections page and which granted tools a client sees:
 * - `no_credential`: the connector is a public server (`auth: { none: {} }`); there is nothing to
 *   connect and nothing stored, so it is ready for every user;
 * - `connected` / `needs_reconnect`: the user's saved credential, working or refused;
 * - `not_connected`: nothing saved yet.
 */
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { ConnectionMethod, UpstreamConnection } from '../store/store.ts';

export type ConnectorStatus = 'no_credential' | 'connected' | 'needs_reconnect' | 'not_connected';

/** What the consent page and the portal show for each status. */
export const CONNECTOR_STATUS_TEXT: Record<ConnectorStatus, string> = {
  no_credential: 'No sign-in needed',
  connected: 'Connected',
  needs_reconnect: 'Needs reconnect',
  not_connected: 'Not connected',
};

/** The ways a user can connect this connector (none for a public server). */
export function connectMethodsOf(connector: ConnectorConfig): ConnectionMethod[] {
  return [connector.auth.apiKey ? ('api_key' as const) : undefined, connector.auth.oauth ? ('oauth' as const) : undefined].filter((m) => m !== undefined);
}

export const needsNoCredential = (connector: ConnectorConfig): boolean => connector.auth.none !== undefined;

export function connectionStatus(connector: ConnectorConfig, connection: UpstreamConnection | undefined): ConnectorStatus {
  if (needsNoCredential(connector)) return 'no_credential';
  if (!connection) return 'not_connected';
  return connection.status === 'connected' ? 'connected' : 'needs_reconnect';
}

/** Whether the connector's tools can be authorized and called now (a ticked row needs no connect step). */
export const isReady = (status: ConnectorStatus): boolean => status === 'connected' || status === 'no_credential';
