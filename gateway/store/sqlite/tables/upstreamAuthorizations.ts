/**
 * Upstream OAuth authorizations in flight, keyed by the SHA-256 of their `state`. take() deletes the
 * row in the same statement that reads it, so a state is honoured once (a replayed callback finds
 * nothing), and never after it expired.
 */
import type Database from 'better-sqlite3';
import { pendingAuthorizationOf, type UpstreamAuthorizationRow } from '../../rows/upstreamAuthorizationRow.ts';
import type { PendingAuthorizationStore } from '../../store.ts';

export function upstreamAuthorizations(db: Database.Database): PendingAuthorizationStore {
  const insert = db.prepare(`INSERT INTO upstream_authorizations (state_hash, account_id, connector_id, interaction_uid, return_to, verifier, redirect_uri, expires_at)
    VALUES (@stateHash, @accountId, @connectorId, @interactionUid, @returnTo, @verifier, @redirectUri, @expiresAt)`);
  const take = db.prepare('DELETE FROM upstream_authorizations WHERE state_hash = ? RETURNING *');
  const sweep = db.prepare('DELETE FROM upstream_authorizations WHERE expires_at <= ?');
  return {
    async create(pending) {
      sweep.run(Date.now());
      insert.run({ ...pending, interactionUid: pending.interactionUid ?? null });
    },
    async take(stateHash, nowMs) {
      const row = take.get(stateHash) as UpstreamAuthorizationRow | undefined;
      if (!row || Number(row.expires_at) <= nowMs) return undefined;
      return pendingAuthorizationOf(row);
    },
  };
}
