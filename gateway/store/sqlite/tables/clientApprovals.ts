/**
 * AS-08: which clients each user approved, and under which oidc-provider grant; and whether the
 * user lets tools ask that client for elicitation and sampling (1 = allowed; the default for
 * approvals stored before migration 4).
 */
import type Database from 'better-sqlite3';
import { clientApprovalOf, flagOf, permissionsOf, type ClientApprovalRow } from '../../rows/clientApprovalRow.ts';
import type { ClientApprovalStore, ClientPermissions } from '../../store.ts';

export function approvals(db: Database.Database): ClientApprovalStore {
  const find = db.prepare('SELECT * FROM client_approvals WHERE account_id = ? AND client_id = ?');
  const save = db.prepare(`
    INSERT INTO client_approvals (account_id, client_id, grant_id, approved_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (account_id, client_id) DO UPDATE SET grant_id = excluded.grant_id, approved_at = excluded.approved_at`);
  const setPermissions = db.prepare('UPDATE client_approvals SET allow_elicitation = ?, allow_sampling = ? WHERE account_id = ? AND client_id = ?');
  const saveWith = db.transaction((accountId: string, clientId: string, grantId: string, approvedAtMs: number, permissions: ClientPermissions) => {
    save.run(accountId, clientId, grantId, approvedAtMs);
    setPermissions.run(flagOf(permissions.elicitation), flagOf(permissions.sampling), accountId, clientId);
  });
  const revoke = db.prepare('DELETE FROM client_approvals WHERE account_id = ? AND client_id = ?');
  const list = db.prepare('SELECT * FROM client_approvals WHERE account_id = ? ORDER BY approved_at');
  return {
    async find(accountId, clientId) {
      const row = find.get(accountId, clientId) as ClientApprovalRow | undefined;
      return row && { grantId: row.grant_id, approvedAt: Number(row.approved_at), permissions: permissionsOf(row) };
    },
    async save(accountId, clientId, grantId, approvedAtMs, permissions) {
      if (permissions) saveWith(accountId, clientId, grantId, approvedAtMs, permissions);
      else save.run(accountId, clientId, grantId, approvedAtMs);
    },
    async setPermissions(accountId, clientId, permissions) {
      return setPermissions.run(flagOf(permissions.elicitation), flagOf(permissions.sampling), accountId, clientId).changes > 0;
    },
    async revoke(accountId, clientId) {
      revoke.run(accountId, clientId);
    },
    async listForAccount(accountId) {
      return (list.all(accountId) as ClientApprovalRow[]).map(clientApprovalOf);
    },
  };
}
