/** AS-08: which clients each user approved, and under which oidc-provider grant. */
import type Database from 'better-sqlite3';
import type { ClientApprovalStore } from '../../store.ts';

export function approvals(db: Database.Database): ClientApprovalStore {
  const find = db.prepare('SELECT grant_id, approved_at FROM client_approvals WHERE account_id = ? AND client_id = ?');
  const save = db.prepare(`
    INSERT INTO client_approvals (account_id, client_id, grant_id, approved_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (account_id, client_id) DO UPDATE SET grant_id = excluded.grant_id, approved_at = excluded.approved_at`);
  const revoke = db.prepare('DELETE FROM client_approvals WHERE account_id = ? AND client_id = ?');
  const list = db.prepare('SELECT client_id, grant_id, approved_at FROM client_approvals WHERE account_id = ? ORDER BY approved_at');
  return {
    async find(accountId, clientId) {
      const row = find.get(accountId, clientId) as { grant_id: string; approved_at: number } | undefined;
      return row && { grantId: row.grant_id, approvedAt: Number(row.approved_at) };
    },
    async save(accountId, clientId, grantId, approvedAtMs) {
      save.run(accountId, clientId, grantId, approvedAtMs);
    },
    async revoke(accountId, clientId) {
      revoke.run(accountId, clientId);
    },
    async listForAccount(accountId) {
      return (list.all(accountId) as { client_id: string; grant_id: string; approved_at: number }[]).map((row) => ({
        clientId: row.client_id,
        grantId: row.grant_id,
        approvedAt: Number(row.approved_at),
      }));
    },
  };
}
