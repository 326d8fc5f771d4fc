/** An upstream_authorizations row as both stores read it. */
import type { PendingUpstreamAuthorization } from '../store.ts';

export interface UpstreamAuthorizationRow {
  state_hash: string;
  account_id: string;
  connector_id: string;
  interaction_uid: string | null;
  return_to: string;
  verifier: string;
  redirect_uri: string;
  expires_at: number;
}

export const pendingAuthorizationOf = (row: UpstreamAuthorizationRow): PendingUpstreamAuthorization => ({
  stateHash: row.state_hash,
  accountId: row.account_id,
  connectorId: row.connector_id,
  interactionUid: row.interaction_uid ?? undefined,
  returnTo: row.return_to,
  verifier: row.verifier,
  redirectUri: row.redirect_uri,
  expiresAt: Number(row.expires_at),
});
