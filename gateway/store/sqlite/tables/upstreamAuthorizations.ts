/**
 * Upstream OAuth authorizations in flight, keyed by the SHA-256 of their `state`. take() deletes the
 * row in the same statement that reads it, so a state is honoured once (a replayed callback finds
 * nothing), and never after it expired.
 */
import type Database from 'better-sqlite3';
import type { PendingAuthorizationStore, PendingUpstreamAuthorization } from '../../store.ts';

interface Row {
  state_hash: string;
  account_id: string;
  connector_id: string;
  interaction_uid: string | null;
  return_to: string;
  verifier: string;
  redirect_uri: string;
  expires_at: number;
}

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
      const row = take.get(stateHash) as Row | undefined;
      if (!row || Number(row.expires_at) <= nowMs) return undefined;
      return {
        stateHash: row.state_hash,
        accountId: row.account_id,
        connectorId: row.connector_id,
        interactionUid: row.interaction_uid ?? undefined,
        returnTo: row.return_to,
        verifier: row.verifier,
        redirectUri: row.redirect_uri,
        expiresAt: Number(row.expires_at),
      };
    },
  };
}
