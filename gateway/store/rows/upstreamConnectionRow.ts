/** An upstream_connections row as both stores read it; scopes are one space-separated column. */
import type { UpstreamConnection } from '../store.ts';

export interface UpstreamConnectionRow {
  account_id: string;
  connector_id: string;
  method: 'api_key' | 'oauth';
  secret: string;
  scopes: string;
  status: 'connected' | 'needs_reconnect';
  expires_at: number | null;
  connected_at: number;
  last_used_at: number | null;
  version: number;
}

export const upstreamConnectionOf = (row: UpstreamConnectionRow): UpstreamConnection => ({
  accountId: row.account_id,
  connectorId: row.connector_id,
  method: row.method,
  secret: row.secret,
  scopes: row.scopes ? row.scopes.split(' ') : [],
  status: row.status,
  expiresAt: row.expires_at === null ? undefined : Number(row.expires_at),
  connectedAt: Number(row.connected_at),
  lastUsedAt: row.last_used_at === null ? undefined : Number(row.last_used_at),
  version: Number(row.version),
});
