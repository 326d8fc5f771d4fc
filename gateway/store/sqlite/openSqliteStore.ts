/**
 * The embedded default store: one SQLite file in the data directory (no server to start). WAL mode
 * with synchronous=NORMAL (issue 12): a commit survives the process crashing at any point and the
 * file is never corrupted; only a power loss or kernel crash can lose the last few commits, and no
 * fsync sits on the path of a tool call (audit rows are batched anyway). The directory is created 0700
 * and the file 0600 because it holds client registrations and grants; secure_delete so what was
 * deleted does not linger in the file.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrationSql, migrations as allMigrations, type Migration } from '../migrations.ts';
import type { GatewayStore } from '../store.ts';
import { approvals } from './tables/clientApprovals.ts';
import { directory } from './tables/directory.ts';
import { keyMaterial } from './tables/keyMaterial.ts';
import { oidcModels } from './tables/oidcModels.ts';
import { userSessions } from './tables/userSessions.ts';
import { auditEvents } from './tables/auditEvents.ts';
import { consentDrafts } from './tables/consentDrafts.ts';
import { toolGrants } from './tables/toolGrants.ts';
import { upstreamAuthorizations } from './tables/upstreamAuthorizations.ts';
import { upstreamClients } from './tables/upstreamClients.ts';
import { upstreamConnections } from './tables/upstreamConnections.ts';
import { sqliteLimits } from './tables/limits.ts';
import { mcpEvents } from './tables/mcpEvents.ts';
import { clusterReplicas } from './tables/clusterReplicas.ts';
import { mcpSessions } from './tables/mcpSessions.ts';
import { inProcessChannel } from './inProcessChannel.ts';

export const SQLITE_FILE = 'gangway.sqlite';

type Db = Database.Database;

function applyMigrations(db: Db, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => Number(row.version)),
  );
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new Error(`the store at this data directory was written by a newer Gangway (schema ${newest}, this build knows ${known})`);
  }
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migrationSql(migration, 'sqlite'));
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    })();
  }
}

export function openSqliteStore(dataDir: string, migrations: readonly Migration[] = allMigrations): GatewayStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, SQLITE_FILE);
  const created = !existsSync(file);
  const db = new Database(file);
  if (created) chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Deleted and replaced rows (hashed tokens, a key sealed in place of its plaintext) are zeroed,
  // not left in free pages of the file.
  db.pragma('secure_delete = ON');
  applyMigrations(db, migrations);
  const dataVersion = db.prepare('PRAGMA data_version').pluck();

  return {
    kind: 'sqlite',
    oidc: oidcModels(db),
    directory: directory(db),
    sessions: userSessions(db),
    approvals: approvals(db),
    keys: keyMaterial(db),
    connections: upstreamConnections(db),
    toolGrants: toolGrants(db),
    pendingAuthorizations: upstreamAuthorizations(db),
    upstreamClients: upstreamClients(db),
    consentDrafts: consentDrafts(db),
    audit: auditEvents(db),
    mcpSessions: mcpSessions(db),
    mcpEvents: mcpEvents(db),
    replicas: clusterReplicas(db),
    limits: sqliteLimits(db),
    channel: inProcessChannel(),
    externalChanges: () => (db.open ? (dataVersion.get() as number) : -1),
    async migrations() {
      return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) =>
        Number(r.version),
      );
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
