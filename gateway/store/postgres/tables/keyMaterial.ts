/**
 * Named key material on PostgreSQL. getOrCreate inserts with ON CONFLICT DO NOTHING and then reads:
 * whichever replica's INSERT commits first wins, and every replica — the loser included — returns
 * that one value, so two replicas starting at once never end up with two keys.
 */
import type { KeyMaterialStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

export function keyMaterial(pool: Pool): KeyMaterialStore {
  const read = async (name: string) => (await pool.query<{ value: string }>('SELECT value FROM key_material WHERE name = $1', [name])).rows[0]?.value;
  return {
    async getOrCreate(name, create) {
      const existing = await read(name);
      if (existing !== undefined) return existing;
      await pool.query('INSERT INTO key_material (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, create(), Date.now()]);
      return (await read(name))!;
    },
    async replace(name, expected, value) {
      return ((await pool.query('UPDATE key_material SET value = $1 WHERE name = $2 AND value = $3', [value, name, expected])).rowCount ?? 0) === 1;
    },
  };
}
