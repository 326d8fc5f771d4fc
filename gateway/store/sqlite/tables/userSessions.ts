/** Browser sessions of signed-in users, by SHA-256 of the cookie value. */
import type Database from 'better-sqlite3';
import type { UserSessionStore } from '../../store.ts';

export function userSessions(db: Database.Database): UserSessionStore {
  const insert = db.prepare('INSERT INTO user_sessions (id_hash, account_id, expires_at) VALUES (?, ?, ?)');
  const find = db.prepare('SELECT account_id FROM user_sessions WHERE id_hash = ? AND expires_at > ?');
  const destroy = db.prepare('DELETE FROM user_sessions WHERE id_hash = ?');
  return {
    async create(idHash, accountId, expiresAtMs) {
      insert.run(idHash, accountId, expiresAtMs);
    },
    async find(idHash, nowMs) {
      const row = find.get(idHash, nowMs) as { account_id: string } | undefined;
      return row && { accountId: row.account_id };
    },
    async destroy(idHash) {
      destroy.run(idHash);
    },
  };
}
