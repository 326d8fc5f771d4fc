/**
 * Users' upstream credentials and the refresh lock on PostgreSQL (as sqlite/tables/upstreamConnections.ts).
 * tryLockRefresh is one UPDATE … WHERE the lease is free or expired: under READ COMMITTED the second
 * of two concurrent lockers waits for the first's row lock, re-checks the condition and updates
 * nothing, so one replica refreshes (UP-03). replaceSecret lands only on the version it started from.
 */
import { upstreamConnectionOf, type UpstreamConnectionRow } from '../../rows/upstreamConnectionRow.ts';
import type { ConnectionStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

export function upstreamConnections(pool: Pool): ConnectionStore {
  const run = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rowCount ?? 0;
  return {
    async get(accountId, connectorId) {
      const row = (await pool.query<UpstreamConnectionRow>('SELECT * FROM upstream_connections WHERE account_id = $1 AND connector_id = $2', [accountId, connectorId])).rows[0];
      return row && upstreamConnectionOf(row);
    },
    async listForAccount(accountId) {
      return (await pool.query<UpstreamConnectionRow>('SELECT * FROM upstream_connections WHERE account_id = $1 ORDER BY connector_id', [accountId])).rows.map(upstreamConnectionOf);
    },
    async save(connection) {
      await pool.query(
        `INSERT INTO upstream_connections (account_id, connector_id, method, secret, scopes, status, expires_at, connected_at, last_used_at, version, refresh_lock_until)
         VALUES ($1, $2, $3, $4, $5, 'connected', $6, $7, NULL, 1, NULL)
         ON CONFLICT (account_id, connector_id) DO UPDATE SET method = excluded.method, secret = excluded.secret,
           scopes = excluded.scopes, status = 'connected', expires_at = excluded.expires_at,
           connected_at = excluded.connected_at, version = upstream_connections.version + 1, refresh_lock_until = NULL`,
        [connection.accountId, connection.connectorId, connection.method, connection.secret, connection.scopes.join(' '), connection.expiresAt ?? null, connection.connectedAt],
      );
    },
    async replaceSecret(accountId, connectorId, expectedVersion, secret, expiresAt) {
      const changed = await run(
        `UPDATE upstream_connections SET secret = $1, expires_at = $2, status = 'connected', version = version + 1, refresh_lock_until = NULL
         WHERE account_id = $3 AND connector_id = $4 AND version = $5`,
        [secret, expiresAt ?? null, accountId, connectorId, expectedVersion],
      );
      return changed === 1;
    },
    async markNeedsReconnect(accountId, connectorId) {
      await run("UPDATE upstream_connections SET status = 'needs_reconnect', version = version + 1, refresh_lock_until = NULL WHERE account_id = $1 AND connector_id = $2", [accountId, connectorId]);
    },
    async touch(accountId, connectorId, atMs) {
      await run('UPDATE upstream_connections SET last_used_at = $1 WHERE account_id = $2 AND connector_id = $3', [atMs, accountId, connectorId]);
    },
    async delete(accountId, connectorId) {
      await run('DELETE FROM upstream_connections WHERE account_id = $1 AND connector_id = $2', [accountId, connectorId]);
    },
    async tryLockRefresh(accountId, connectorId, nowMs, untilMs) {
      const changed = await run(
        'UPDATE upstream_connections SET refresh_lock_until = $1 WHERE account_id = $2 AND connector_id = $3 AND (refresh_lock_until IS NULL OR refresh_lock_until <= $4)',
        [untilMs, accountId, connectorId, nowMs],
      );
      return changed === 1;
    },
    async unlockRefresh(accountId, connectorId) {
      await run('UPDATE upstream_connections SET refresh_lock_until = NULL WHERE account_id = $1 AND connector_id = $2', [accountId, connectorId]);
    },
  };
}
