/** Named key material; the first writer wins so concurrent replicas agree on one key. */
import type Database from 'better-sqlite3';
import type { KeyMaterialStore } from '../../store.ts';

export function keyMaterial(db: Database.Database): KeyMaterialStore {
  const insert = db.prepare('INSERT INTO key_material (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING');
  const get = db.prepare('SELECT value FROM key_material WHERE name = ?');
  const replace = db.prepare('UPDATE key_material SET value = ? WHERE name = ? AND value = ?');
  return {
    async getOrCreate(name, create) {
      const existing = get.get(name) as { value: string } | undefined;
      if (existing) return existing.value;
      insert.run(name, create(), Date.now());
      return (get.get(name) as { value: string }).value;
    },
    async replace(name, expected, value) {
      return replace.run(value, name, expected).changes === 1;
    },
  };
}
