/** oidc-provider models (clients, grants, sessions, hashed tokens) in one table keyed by (model, id). */
import type Database from 'better-sqlite3';
import { oidcPayloadOf, type OidcModelRow } from '../../rows/oidcModelRow.ts';
import type { OidcModelStore } from '../../store.ts';

export function oidcModels(db: Database.Database): OidcModelStore {
  const upsert = db.prepare(`
    INSERT INTO oidc_models (model, id, payload, grant_id, uid, user_code, expires_at, consumed_at)
    VALUES (@model, @id, @payload, @grantId, @uid, @userCode, @expiresAt, NULL)
    ON CONFLICT (model, id) DO UPDATE SET
      payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
      user_code = excluded.user_code, expires_at = excluded.expires_at`);
  const find = db.prepare('SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = ? AND id = ?');
  const findByUid = db.prepare('SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = ? AND uid = ?');
  const findByUserCode = db.prepare('SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = ? AND user_code = ?');
  const consume = db.prepare(
    'UPDATE oidc_models SET consumed_at = ? WHERE model = ? AND id = ? AND consumed_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
  );
  const destroy = db.prepare('DELETE FROM oidc_models WHERE model = ? AND id = ?');
  const keep = db.prepare('UPDATE oidc_models SET expires_at = NULL WHERE model = ? AND id = ? AND expires_at IS NOT NULL');
  const revokeGrant = db.prepare('DELETE FROM oidc_models WHERE model = ? AND grant_id = ?');
  const count = db.prepare('SELECT COUNT(*) AS n FROM oidc_models WHERE model = ? AND (expires_at IS NULL OR expires_at > ?)');
  const sweep = db.prepare('DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at <= ?');

  return {
    async upsert(model, id, payload, expiresInSeconds) {
      upsert.run({
        model,
        id,
        payload: JSON.stringify(payload),
        grantId: typeof payload.grantId === 'string' ? payload.grantId : null,
        uid: typeof payload.uid === 'string' ? payload.uid : null,
        userCode: typeof payload.userCode === 'string' ? payload.userCode : null,
        expiresAt: expiresInSeconds === undefined ? null : Date.now() + expiresInSeconds * 1000,
      });
    },
    async find(model, id) {
      return oidcPayloadOf(find.get(model, id) as OidcModelRow | undefined, Date.now());
    },
    async findByUid(model, uid) {
      return oidcPayloadOf(findByUid.get(model, uid) as OidcModelRow | undefined, Date.now());
    },
    async findByUserCode(model, userCode) {
      return oidcPayloadOf(findByUserCode.get(model, userCode) as OidcModelRow | undefined, Date.now());
    },
    async consume(model, id) {
      const now = Date.now();
      return consume.run(now, model, id, now).changes === 1;
    },
    async destroy(model, id) {
      destroy.run(model, id);
    },
    async keep(model, id) {
      keep.run(model, id);
    },
    async revokeByGrantId(model, grantId) {
      revokeGrant.run(model, grantId);
    },
    async count(model) {
      return Number((count.get(model, Date.now()) as { n: number }).n);
    },
    async sweepExpired(nowMs) {
      return sweep.run(nowMs).changes;
    },
  };
}
