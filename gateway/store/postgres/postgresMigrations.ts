/**
 * The same versioned migrations as the embedded store (migrations.ts, AUTO_ID in PostgreSQL's
 * spelling), each in its own transaction. All of it runs under one session advisory lock, so two
 * replicas starting at once take turns: the second finds every migration recorded and applies
 * nothing. A database written by a newer Gangway is refused, as on SQLite. The change-notification
 * triggers (changeNotifications.ts) are installed under the same lock, once the tables exist.
 */
import { migrationSql, type Migration } from '../migrations.ts';
import { installChangeNotifications } from './changeNotifications.ts';
import type { Pool } from './pgTypes.ts';

/** Key of the one-key advisory lock held while migrating ('gangway' in ASCII). */
export const MIGRATION_LOCK = 0x67616e67776179;

export async function applyPostgresMigrations(pool: Pool, migrations: readonly Migration[]): Promise<void> {
  const client = await pool.connect();
  // The session lock must not outlive this call on a pooled connection: if unlocking fails, the
  // connection is discarded (closing it releases the lock).
  let unlocked = false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => Number(row.version)));
      const newest = Math.max(0, ...applied);
      const known = Math.max(0, ...migrations.map((m) => m.version));
      if (newest > known) throw new Error(`the PostgreSQL database was written by a newer Gangway (schema ${newest}, this build knows ${known})`);
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migrationSql(migration, 'postgres'));
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
        }
      }
      await installChangeNotifications(client);
    } finally {
      unlocked = await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).then(
        () => true,
        () => false,
      );
    }
  } finally {
    client.release(!unlocked);
  }
}
