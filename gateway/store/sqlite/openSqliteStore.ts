/**
 * The embedded default store: one SQLite file in the data directory (no server to start). WAL mode
 * with synchronous=FULL so an acknowledged write survives a crash; the directory is created 0700
 * and the file 0600 because it holds client registrations and grants.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from '../migrations.ts';
import type {
  ClientApprovalStore,
  DirectoryStore,
  DirectoryUser,
  GatewayStore,
  KeyMaterialStore,
  OidcModelStore,
  UserSessionStore,
} from '../store.ts';

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
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    })();
  }
}

interface ModelRow {
  payload: string;
  expires_at: number | null;
  consumed_at: number | null;
}

function rowToPayload(row: ModelRow | undefined, nowMs: number): Record<string, unknown> | undefined {
  if (!row) return undefined;
  if (row.expires_at !== null && row.expires_at <= nowMs) return undefined;
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  if (row.consumed_at !== null) payload.consumed = Math.floor(row.consumed_at / 1000);
  return payload;
}

function oidcModels(db: Db): OidcModelStore {
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
      return rowToPayload(find.get(model, id) as ModelRow | undefined, Date.now());
    },
    async findByUid(model, uid) {
      return rowToPayload(findByUid.get(model, uid) as ModelRow | undefined, Date.now());
    },
    async findByUserCode(model, userCode) {
      return rowToPayload(findByUserCode.get(model, userCode) as ModelRow | undefined, Date.now());
    },
    async consume(model, id) {
      const now = Date.now();
      return consume.run(now, model, id, now).changes === 1;
    },
    async destroy(model, id) {
      destroy.run(model, id);
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

interface UserRow {
  id: string;
  email: string;
  name: string;
  department: string;
  password_hash: string;
}

const toUser = (row: UserRow | undefined): DirectoryUser | undefined =>
  row && { id: row.id, email: row.email, name: row.name, department: row.department, passwordHash: row.password_hash };

function directory(db: Db): DirectoryStore {
  const upsert = db.prepare(`
    INSERT INTO directory_users (id, email, name, department, password_hash) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name,
      department = excluded.department, password_hash = excluded.password_hash`);
  const byId = db.prepare('SELECT * FROM directory_users WHERE id = ?');
  const byEmail = db.prepare('SELECT * FROM directory_users WHERE email = ?');
  return {
    async upsertUser(user) {
      upsert.run(user.id, user.email.toLowerCase(), user.name, user.department, user.passwordHash);
    },
    async findById(id) {
      return toUser(byId.get(id) as UserRow | undefined);
    },
    async findByEmail(email) {
      return toUser(byEmail.get(email.trim().toLowerCase()) as UserRow | undefined);
    },
  };
}

function userSessions(db: Db): UserSessionStore {
  const insert = db.prepare('INSERT INTO user_sessions (id_hash, account_id, expires_at) VALUES (?, ?, ?)');
  const find = db.prepare('SELECT account_id FROM user_sessions WHERE id_hash = ? AND expires_at > ?');
  const destroy = db.prepare('DELETE FROM user_sessions WHERE id_hash = ?');
  return {
    async create(idHash, accountId, expiresAtMs) {
      insert.run(idHash, accountId, expiresAtMs);
    },
    async find(idHash, nowMs) {
      const row = find.get(idHash, nowMs) as { account_id: string } | undefined;
      return row && { accountId: row.account_id };
    },
    async destroy(idHash) {
      destroy.run(idHash);
    },
  };
}

function approvals(db: Db): ClientApprovalStore {
  const find = db.prepare('SELECT grant_id, approved_at FROM client_approvals WHERE account_id = ? AND client_id = ?');
  const save = db.prepare(`
    INSERT INTO client_approvals (account_id, client_id, grant_id, approved_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (account_id, client_id) DO UPDATE SET grant_id = excluded.grant_id, approved_at = excluded.approved_at`);
  const revoke = db.prepare('DELETE FROM client_approvals WHERE account_id = ? AND client_id = ?');
  const list = db.prepare('SELECT client_id, grant_id, approved_at FROM client_approvals WHERE account_id = ? ORDER BY approved_at');
  return {
    async find(accountId, clientId) {
      const row = find.get(accountId, clientId) as { grant_id: string; approved_at: number } | undefined;
      return row && { grantId: row.grant_id, approvedAt: Number(row.approved_at) };
    },
    async save(accountId, clientId, grantId, approvedAtMs) {
      save.run(accountId, clientId, grantId, approvedAtMs);
    },
    async revoke(accountId, clientId) {
      revoke.run(accountId, clientId);
    },
    async listForAccount(accountId) {
      return (list.all(accountId) as { client_id: string; grant_id: string; approved_at: number }[]).map((row) => ({
        clientId: row.client_id,
        grantId: row.grant_id,
        approvedAt: Number(row.approved_at),
      }));
    },
  };
}

function keyMaterial(db: Db): KeyMaterialStore {
  const insert = db.prepare('INSERT INTO key_material (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING');
  const get = db.prepare('SELECT value FROM key_material WHERE name = ?');
  return {
    async getOrCreate(name, create) {
      const existing = get.get(name) as { value: string } | undefined;
      if (existing) return existing.value;
      insert.run(name, create(), Date.now());
      return (get.get(name) as { value: string }).value;
    },
  };
}

export function openSqliteStore(dataDir: string, migrations: readonly Migration[] = allMigrations): GatewayStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, SQLITE_FILE);
  const created = !existsSync(file);
  const db = new Database(file);
  if (created) chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, migrations);

  return {
    kind: 'sqlite',
    oidc: oidcModels(db),
    directory: directory(db),
    sessions: userSessions(db),
    approvals: approvals(db),
    keys: keyMaterial(db),
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
