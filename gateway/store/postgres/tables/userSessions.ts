/** Browser sessions of signed-in users on PostgreSQL, by SHA-256 of the cookie value (as sqlite/tables/userSessions.ts). */
import type { UserSessionStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

export function userSessions(pool: Pool): UserSessionStore {
  return {
    async create(idHash, accountId, expiresAtMs) {
      await pool.query('INSERT INTO user_sessions (id_hash, account_id, expires_at) VALUES ($1, $2, $3)', [idHash, accountId, expiresAtMs]);
    },
    async find(idHash, nowMs) {
      const row = (await pool.query<{ account_id: string }>('SELECT account_id FROM user_sessions WHERE id_hash = $1 AND expires_at > $2', [idHash, nowMs])).rows[0];
      return row && { accountId: row.account_id };
    },
    async destroy(idHash) {
      await pool.query('DELETE FROM user_sessions WHERE id_hash = $1', [idHash]);
    },
  };
}
