/** Where each replica can be reached by the others, on PostgreSQL (as sqlite/tables/clusterReplicas.ts). */
import type { ReplicaStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

export function clusterReplicas(pool: Pool): ReplicaStore {
  return {
    async announce(id, internalUrl, atMs) {
      await pool.query(
        `INSERT INTO cluster_replicas (id, internal_url, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET internal_url = excluded.internal_url, seen_at = excluded.seen_at`,
        [id, internalUrl, atMs],
      );
    },
    async find(id) {
      const row = (await pool.query<{ internal_url: string; seen_at: string }>('SELECT internal_url, seen_at FROM cluster_replicas WHERE id = $1', [id])).rows[0];
      return row && { internalUrl: row.internal_url, seenAt: Number(row.seen_at) };
    },
    async forget(id) {
      await pool.query('DELETE FROM cluster_replicas WHERE id = $1', [id]);
    },
  };
}
