/**
 * oidc-provider models on PostgreSQL (as sqlite/tables/oidcModels.ts). consume() is one conditional
 * UPDATE: under READ COMMITTED the second of two concurrent consumers re-checks `consumed_at IS
 * NULL` after the first commits and updates nothing, so exactly one caller gets true (AUTH-11).
 */
import { oidcPayloadOf, type OidcModelRow } from '../../rows/oidcModelRow.ts';
import type { OidcModelStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

const SELECT = 'SELECT payload, expires_at, consumed_at FROM oidc_models';

export function oidcModels(pool: Pool): OidcModelStore {
  const one = async (where: string, params: unknown[]) => oidcPayloadOf((await pool.query<OidcModelRow>(`${SELECT} WHERE ${where}`, params)).rows[0], Date.now());
  return {
    async upsert(model, id, payload, expiresInSeconds) {
      await pool.query(
        `INSERT INTO oidc_models (model, id, payload, grant_id, uid, user_code, expires_at, consumed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)
         ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
           user_code = excluded.user_code, expires_at = excluded.expires_at`,
        [
          model,
          id,
          JSON.stringify(payload),
          typeof payload.grantId === 'string' ? payload.grantId : null,
          typeof payload.uid === 'string' ? payload.uid : null,
          typeof payload.userCode === 'string' ? payload.userCode : null,
          expiresInSeconds === undefined ? null : Date.now() + expiresInSeconds * 1000,
        ],
      );
    },
    find: (model, id) => one('model = $1 AND id = $2', [model, id]),
    // LIMIT 1: uid and user_code are not unique columns; SQLite's .get() takes the first row too.
    findByUid: (model, uid) => one('model = $1 AND uid = $2 LIMIT 1', [model, uid]),
    findByUserCode: (model, userCode) => one('model = $1 AND user_code = $2 LIMIT 1', [model, userCode]),
    async consume(model, id) {
      const now = Date.now();
      const result = await pool.query(
        'UPDATE oidc_models SET consumed_at = $1 WHERE model = $2 AND id = $3 AND consumed_at IS NULL AND (expires_at IS NULL OR expires_at > $1)',
        [now, model, id],
      );
      return result.rowCount === 1;
    },
    async destroy(model, id) {
      await pool.query('DELETE FROM oidc_models WHERE model = $1 AND id = $2', [model, id]);
    },
    async keep(model, id) {
      await pool.query('UPDATE oidc_models SET expires_at = NULL WHERE model = $1 AND id = $2 AND expires_at IS NOT NULL', [model, id]);
    },
    async revokeByGrantId(model, grantId) {
      await pool.query('DELETE FROM oidc_models WHERE model = $1 AND grant_id = $2', [model, grantId]);
    },
    async count(model) {
      return (await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM oidc_models WHERE model = $1 AND (expires_at IS NULL OR expires_at > $2)', [model, Date.now()])).rows[0]!.n;
    },
    async sweepExpired(nowMs) {
      return (await pool.query('DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at <= $1', [nowMs])).rowCount ?? 0;
    },
  };
}
