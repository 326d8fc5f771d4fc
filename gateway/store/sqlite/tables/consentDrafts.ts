/** The consent page's unfinished state per interaction: ticks, chosen methods, row messages. */
import type Database from 'better-sqlite3';
import type { ConsentDraftStore } from '../../store.ts';

export function consentDrafts(db: Database.Database): ConsentDraftStore {
  const get = db.prepare('SELECT account_id, draft FROM consent_drafts WHERE interaction_uid = ? AND expires_at > ?');
  const save = db.prepare(`INSERT INTO consent_drafts (interaction_uid, account_id, draft, expires_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (interaction_uid) DO UPDATE SET draft = excluded.draft, expires_at = excluded.expires_at`);
  const remove = db.prepare('DELETE FROM consent_drafts WHERE interaction_uid = ?');
  const sweep = db.prepare('DELETE FROM consent_drafts WHERE expires_at <= ?');
  return {
    async get(interactionUid, nowMs) {
      const row = get.get(interactionUid, nowMs) as { account_id: string; draft: string } | undefined;
      return row && { accountId: row.account_id, draft: row.draft };
    },
    async save(interactionUid, accountId, draft, expiresAtMs) {
      sweep.run(Date.now());
      save.run(interactionUid, accountId, draft, expiresAtMs);
    },
    async delete(interactionUid) {
      remove.run(interactionUid);
    },
  };
}
