/**
 * Upstream OAuth authorizations in flight on PostgreSQL (as sqlite/tables/upstreamAuthorizations.ts).
 * take() is DELETE … RETURNING: of two replicas handling the same callback, one gets the row.
 */
import { pendingAuthorizationOf, type UpstreamAuthorizationRow } from '../../rows/upstreamAuthorizationRow.ts';
import type { PendingAuthorizationStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

export function upstreamAuthorizations(pool: Pool): PendingAuthorizationStore {
  return {
    async create(pending) {
      await pool.query('DELETE FROM upstream_authorizations WHERE expires_at <= $1', [Date.now()]);
      await pool.query(
        `INSERT INTO upstream_authorizations (state_hash, account_id, connector_id, interaction_uid, return_to, verifier, redirect_uri, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [pending.stateHash, pending.accountId, pending.connectorId, pending.interactionUid ?? null, pending.returnTo, pending.verifier, pending.redirectUri, pending.expiresAt],
      );
    },
    async take(stateHash, nowMs) {
      const row = (await pool.query<UpstreamAuthorizationRow>('DELETE FROM upstream_authorizations WHERE state_hash = $1 RETURNING *', [stateHash])).rows[0];
      if (!row || row.expires_at <= nowMs) return undefined;
      return pendingAuthorizationOf(row);
    },
  };
}
