/**
 * Users' upstream credentials (sealed) and the refresh lock. The lock is a lease column, taken with
 * a conditional UPDATE, so the rule "one refresh in flight per (user, connector)" holds for every
 * process sharing the database (UP-03); rotation lands only on the version it started from.
 */
import type Database from 'better-sqlite3';
import { upstreamConnectionOf, type UpstreamConnectionRow } from '../../rows/upstreamConnectionRow.ts';
import type { ConnectionStore } from '../../store.ts';

export function upstreamConnections(db: Database.Database): ConnectionStore {
  const get = db.prepare('SELECT * FROM upstream_connections WHERE account_id = ? AND connector_id = ?');
  const list = db.prepare('SELECT * FROM upstream_connections WHERE account_id = ? ORDER BY connector_id');
  const save = db.prepare(`
    INSERT INTO upstream_connections (account_id, connector_id, method, secret, scopes, status, expires_at, connected_at, last_used_at, version, refresh_lock_until)
    VALUES (@accountId, @connectorId, @method, @secret, @scopes, 'connected', @expiresAt, @connectedAt, NULL, 1, NULL)
    ON CONFLICT (account_id, connector_id) DO UPDATE SET method = excluded.method, secret = excluded.secret,
      scopes = excluded.scopes, status = 'connected', expires_at = excluded.expires_at,
      connected_at = excluded.connected_at, version = upstream_connections.version + 1, refresh_lock_until = NULL`);
  const replaceSecret = db.prepare(`
    UPDATE upstream_connections SET secret = ?, expires_at = ?, status = 'connected', version = version + 1, refresh_lock_until = NULL
    WHERE account_id = ? AND connector_id = ? AND version = ?`);
  const markNeedsReconnect = db.prepare(
    "UPDATE upstream_connections SET status = 'needs_reconnect', version = version + 1, refresh_lock_until = NULL WHERE account_id = ? AND connector_id = ?",
  );
  const touch = db.prepare('UPDATE upstream_connections SET last_used_at = ? WHERE account_id = ? AND connector_id = ?');
  const remove = db.prepare('DELETE FROM upstream_connections WHERE account_id = ? AND connector_id = ?');
  const lock = db.prepare(
    'UPDATE upstream_connections SET refresh_lock_until = ? WHERE account_id = ? AND connector_id = ? AND (refresh_lock_until IS NULL OR refresh_lock_until <= ?)',
  );
  const unlock = db.prepare('UPDATE upstream_connections SET refresh_lock_until = NULL WHERE account_id = ? AND connector_id = ?');

  return {
    async get(accountId, connectorId) {
      const row = get.get(accountId, connectorId) as UpstreamConnectionRow | undefined;
      return row && upstreamConnectionOf(row);
    },
    async listForAccount(accountId) {
      return (list.all(accountId) as UpstreamConnectionRow[]).map(upstreamConnectionOf);
    },
    async save(connection) {
      save.run({
        accountId: connection.accountId,
        connectorId: connection.connectorId,
        method: connection.method,
        secret: connection.secret,
        scopes: connection.scopes.join(' '),
        expiresAt: connection.expiresAt ?? null,
        connectedAt: connection.connectedAt,
      });
    },
    async replaceSecret(accountId, connectorId, expectedVersion, secret, expiresAt) {
      return replaceSecret.run(secret, expiresAt ?? null, accountId, connectorId, expectedVersion).changes === 1;
    },
    async markNeedsReconnect(accountId, connectorId) {
      markNeedsReconnect.run(accountId, connectorId);
    },
    async touch(accountId, connectorId, atMs) {
      touch.run(atMs, accountId, connectorId);
    },
    async delete(accountId, connectorId) {
      remove.run(accountId, connectorId);
    },
    async tryLockRefresh(accountId, connectorId, nowMs, untilMs) {
      return lock.run(untilMs, accountId, connectorId, nowMs).changes === 1;
    },
    async unlockRefresh(accountId, connectorId) {
      unlock.run(accountId, connectorId);
    },
  };
}
