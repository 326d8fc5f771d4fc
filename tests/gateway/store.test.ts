/**
 * The embedded store: versioned migrations, refusal of a newer schema, and bearer values never at
 * rest in plaintext (refresh tokens and codes are kept as hashes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../gateway/store/migrations.ts';
import { openSqliteStore, SQLITE_FILE } from '../../gateway/store/sqlite/openSqliteStore.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.stop());

describe('Embedded store', () => {
  it('applies the versioned migrations in order, once', async () => {
    expect(await gw.current.store.migrations()).toEqual(migrations.map((m) => m.version));
    await gw.restart();
    expect(await gw.current.store.migrations()).toEqual(migrations.map((m) => m.version));
  });

  it('refuses a data directory written by a newer schema instead of corrupting it', async () => {
    const file = join(gw.dataDir, 'newer');
    const store = openSqliteStore(file);
    await store.close();
    const db = new Database(join(file, SQLITE_FILE));
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, 0)').run('from the future');
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/newer Gangway \(schema 999/);
  });

  it(`${cite('AUTH-11')} keeps no refresh token or access token in plaintext in the data directory`, async () => {
    const client = await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[0]!);
    const dump = readdirSync(gw.dataDir)
      .filter((name) => name.startsWith(SQLITE_FILE))
      .map((name) => readFileSync(join(gw.dataDir, name)).toString('latin1'))
      .join('\n');
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump).toContain(client.clientId);
    expect(dump).not.toContain(String(client.tokens.refresh_token));
    expect(dump).not.toContain(String(client.tokens.access_token));
    expect(dump).not.toContain(gw.current.app.directory[0]!.password);
  });

  it('sweeps expired rows', async () => {
    await gw.current.store.oidc.upsert('Session', 'expired-session', { uid: 'u1' }, 1);
    expect(await gw.current.store.oidc.find('Session', 'expired-session')).toBeDefined();
    expect(await gw.current.store.oidc.sweepExpired(Date.now() + 5_000)).toBeGreaterThanOrEqual(1);
    expect(await gw.current.store.oidc.find('Session', 'expired-session')).toBeUndefined();
  });
});
