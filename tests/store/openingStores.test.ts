/**
 * Opening a store (issue 14): GANGWAY_DATABASE_URL validated at start-up and never echoed, PostgreSQL
 * chosen when it is set, the same migrations applied exactly once even by replicas starting at
 * once, a database from a newer Gangway refused, and an unreachable server reported as what to
 * check — all without the URL's password in any message.
 */
import { createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/loadConfig.ts';
import { createLogger } from '../../gateway/logging/logger.ts';
import { seedDirectory } from '../../gateway/directory/seedDirectory.ts';
import { migrations } from '../../gateway/store/migrations.ts';
import { openStore } from '../../gateway/store/openStore.ts';
import { openPostgresStore } from '../../gateway/store/postgres/openPostgresStore.ts';
import { STORE_KINDS, testPostgres } from './storeUnderTest.ts';

const env = (url: string | undefined) => ({ GANGWAY_DATABASE_URL: url });

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('GANGWAY_DATABASE_URL', () => {
  it('accepts postgres:// and postgresql:// URLs; unset keeps the embedded store', () => {
    expect(loadConfig({ env: env('postgres://u:p@db.internal:5432/gangway') }).databaseUrl).toBe('postgres://u:p@db.internal:5432/gangway');
    expect(loadConfig({ env: env('postgresql://u:p@10.0.0.5/gangway') }).databaseUrl).toBe('postgresql://u:p@10.0.0.5/gangway');
    expect(loadConfig({ env: {} }).databaseUrl).toBeUndefined();
  });

  it.each(['mysql://u:hunter22@db/gangway', 'hunter22', 'postgres://'])('refuses %s with a ConfigError naming the setting, never the value', (value) => {
    const attempt = () => loadConfig({ env: env(value) });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/Invalid setting GANGWAY_DATABASE_URL \(databaseUrl, from environment\): must be a PostgreSQL URL/);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter22');
    }
  });
});

describe('Opening the PostgreSQL store', () => {
  it('openStore opens PostgreSQL when databaseUrl is set, SQLite otherwise', async () => {
    const { location: url } = await STORE_KINDS[1]!.fresh();
    const { location: dataDir } = await STORE_KINDS[0]!.fresh();
    const postgres = await openStore({ dataDir, databaseUrl: url });
    const sqlite = await openStore({ dataDir, databaseUrl: undefined });
    try {
      expect([postgres.kind, sqlite.kind]).toEqual(['postgres', 'sqlite']);
    } finally {
      await Promise.all([postgres.close(), sqlite.close()]);
    }
  });

  it('three replicas starting at once on an empty database apply each migration exactly once', async () => {
    const url = await (await testPostgres()).newDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url)));
    try {
      for (const store of stores) expect(await store.migrations()).toEqual(migrations.map((m) => m.version));
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query<{ n: string }>('SELECT COUNT(*) AS n FROM schema_migrations');
      const triggers = await admin.query("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'gangway_changes_%'");
      await admin.end();
      expect(Number(rows[0]!.n)).toBe(migrations.length);
      expect(triggers.rowCount).toBe(6);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('replicas starting at once seed the same directory users without colliding (a replica start failed on the email index)', async () => {
    const url = await (await testPostgres()).newDatabase();
    const stores = await Promise.all([1, 2].map(() => openPostgresStore(url)));
    try {
      // A race, so many rounds: each a new directory both "replicas" seed at the same moment, as two starting replicas do.
      for (let round = 0; round < 20; round++) {
        const users = Array.from({ length: 8 }, (_, i) => ({ id: `usr_${round}_${i}`, email: `Person.${round}.${i}@Example.test`, name: `Person ${i}`, department: 'QA', password: `pw-${round}-${i}` }));
        await Promise.all(stores.map((store) => seedDirectory(store.directory, users)));
        for (const user of users) expect((await stores[1]!.directory.findByEmail(user.email))?.id).toBe(user.id);
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  }, 60_000);

  it('refuses a database written by a newer Gangway; a failing migration is rolled back and not recorded', async () => {
    const url = await (await testPostgres()).newDatabase();
    const broken = [...migrations, { version: 99, name: 'broken', sql: 'CREATE TABLE half_done (x TEXT); SELECT no_such_function();' }];
    await expect(openPostgresStore(url, { migrations: broken })).rejects.toThrow(/migration 99 \(broken\) failed/);
    const store = await openPostgresStore(url);
    expect(await store.migrations()).toEqual(migrations.map((m) => m.version));
    await store.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    expect((await admin.query("SELECT to_regclass('half_done') AS t")).rows[0]!.t).toBeNull();
    await admin.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)");
    await admin.end();
    await expect(openPostgresStore(url)).rejects.toThrow(`written by a newer Gangway (schema 999, this build knows ${Math.max(...migrations.map((m) => m.version))})`);
  });

  it('an unreachable server: says where and what to check, without the password', async () => {
    const port = await closedPort();
    const attempt = openPostgresStore(`postgres://gangway:pw-do-not-print@127.0.0.1:${port}/gangway`, { connectTimeoutMs: 2000 });
    await expect(attempt).rejects.toThrow(`is PostgreSQL running at 127.0.0.1:${port}? check GANGWAY_DATABASE_URL`);
    await expect(attempt).rejects.not.toThrow(/pw-do-not-print/);
  });

  it('a wrong password: the server’s reason, without the password', async () => {
    const url = new URL((await testPostgres()).server.url);
    url.password = 'wrong-secret-value';
    const attempt = openPostgresStore(url.toString());
    await expect(attempt).rejects.toThrow(/password authentication failed for user "gangway".*check GANGWAY_DATABASE_URL/);
    await expect(attempt).rejects.not.toThrow(/wrong-secret-value/);
  });
});

describe('The database password in logs', () => {
  it('a log line that carries a database URL, in a field or a message, shows no password', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    logger.warn('store.failed', { url: 'postgres://gangway:s3cr%40t-pw@db:5432/gangway', message: 'connect postgresql://app:other-pw@10.0.0.1/db failed' });
    expect(lines[0]).toContain('postgres://gangway:[redacted]@db:5432/gangway');
    expect(lines[0]).not.toMatch(/s3cr|other-pw/);
  });
});
