/** AS-08 approvals on PostgreSQL (same semantics as sqlite/tables/clientApprovals.ts); a save with permissions is one statement. */
import { clientApprovalOf, flagOf, type ClientApprovalRow } from '../../rows/clientApprovalRow.ts';
import type { ClientApprovalStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

export function approvals(pool: Pool): ClientApprovalStore {
  return {
    async find(accountId, clientId) {
      const row = (await pool.query<ClientApprovalRow>('SELECT * FROM client_approvals WHERE account_id = $1 AND client_id = $2', [accountId, clientId])).rows[0];
      if (!row) return undefined;
      const { clientId: _, ...approval } = clientApprovalOf(row);
      return approval;
    },
    async save(accountId, clientId, grantId, approvedAtMs, permissions) {
      if (permissions) {
        await pool.query(
          `INSERT INTO client_approvals (account_id, client_id, grant_id, approved_at, allow_elicitation, allow_sampling) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (account_id, client_id) DO UPDATE SET grant_id = excluded.grant_id, approved_at = excluded.approved_at,
             allow_elicitation = excluded.allow_elicitation, allow_sampling = excluded.allow_sampling`,
          [accountId, clientId, grantId, approvedAtMs, flagOf(permissions.elicitation), flagOf(permissions.sampling)],
        );
      } else {
        await pool.query(
          `INSERT INTO client_approvals (account_id, client_id, grant_id, approved_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (account_id, client_id) DO UPDATE SET grant_id = excluded.grant_id, approved_at = excluded.approved_at`,
          [accountId, clientId, grantId, approvedAtMs],
        );
      }
    },
    async setPermissions(accountId, clientId, permissions) {
      const result = await pool.query('UPDATE client_approvals SET allow_elicitation = $1, allow_sampling = $2 WHERE account_id = $3 AND client_id = $4', [
        flagOf(permissions.elicitation),
        flagOf(permissions.sampling),
        accountId,
        clientId,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async revoke(accountId, clientId) {
      await pool.query('DELETE FROM client_approvals WHERE account_id = $1 AND client_id = $2', [accountId, clientId]);
    },
    async listForAccount(accountId) {
      return (await pool.query<ClientApprovalRow>('SELECT * FROM client_approvals WHERE account_id = $1 ORDER BY approved_at', [accountId])).rows.map(clientApprovalOf);
    },
  };
}
