/** Where each replica can be reached by the others (issue 14; one row per running replica). */
import type Database from 'better-sqlite3';
import type { ReplicaStore } from '../../store.ts';

export function clusterReplicas(db: Database.Database): ReplicaStore {
  const announce = db.prepare(`INSERT INTO cluster_replicas (id, internal_url, seen_at) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET internal_url = excluded.internal_url, seen_at = excluded.seen_at`);
  const find = db.prepare('SELECT internal_url, seen_at FROM cluster_replicas WHERE id = ?');
  const forget = db.prepare('DELETE FROM cluster_replicas WHERE id = ?');
  return {
    async announce(id, internalUrl, atMs) {
      announce.run(id, internalUrl, atMs);
    },
    async find(id) {
      const row = find.get(id) as { internal_url: string; seen_at: number } | undefined;
      return row && { internalUrl: row.internal_url, seenAt: Number(row.seen_at) };
    },
    async forget(id) {
      forget.run(id);
    },
  };
}
