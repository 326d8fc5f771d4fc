/** The consent page's unfinished state per interaction, on PostgreSQL (as sqlite/tables/consentDrafts.ts). */
import type { ConsentDraftStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

export function consentDrafts(pool: Pool): ConsentDraftStore {
  return {
    async get(interactionUid, nowMs) {
      const row = (await pool.query<{ account_id: string; draft: string }>('SELECT account_id, draft FROM consent_drafts WHERE interaction_uid = $1 AND expires_at > $2', [interactionUid, nowMs])).rows[0];
      return row && { accountId: row.account_id, draft: row.draft };
    },
    async save(interactionUid, accountId, draft, expiresAtMs) {
      await pool.query('DELETE FROM consent_drafts WHERE expires_at <= $1', [Date.now()]);
      await pool.query(
        `INSERT INTO consent_drafts (interaction_uid, account_id, draft, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (interaction_uid) DO UPDATE SET draft = excluded.draft, expires_at = excluded.expires_at`,
        [interactionUid, accountId, draft, expiresAtMs],
      );
    },
    async delete(interactionUid) {
      await pool.query('DELETE FROM consent_drafts WHERE interaction_uid = $1', [interactionUid]);
    },
  };
}
