/**
 * The store contract runs on both implementations (issue 14): `describe.each(STORE_KINDS)` and, in
 * each test, `const { store, openAnother } = await kind.fresh()` — an empty store, and a way to open
 * a second store on the same data, as a second process or replica would (SQLite: the same file;
 * PostgreSQL: the same database). Everything opened is closed after each test; the PostgreSQL
 * server starts on first use in the file and stops after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { openPostgresStore, type PostgresStoreOptions } from '../../gateway/store/postgres/openPostgresStore.ts';
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';
import type { GatewayStore } from '../../gateway/store/store.ts';
import { startTestPostgres, type TestPostgres } from '../support/postgres.ts';

export interface FreshStore {
  readonly store: GatewayStore;
  openAnother(options?: PostgresStoreOptions): Promise<GatewayStore>;
  /** The SQLite data directory or the PostgreSQL URL. */
  readonly location: string;
}

export interface StoreKind {
  readonly kind: 'sqlite' | 'postgres';
  fresh(): Promise<FreshStore>;
}

const opened: GatewayStore[] = [];
const dirs: string[] = [];
let postgres: Promise<TestPostgres> | undefined;

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await (await postgres)?.stop();
});

const track = (store: GatewayStore) => {
  opened.push(store);
  return store;
};

export const testPostgres = () => (postgres ??= startTestPostgres());

export const STORE_KINDS: StoreKind[] = [
  {
    kind: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'gangway-store-'));
      dirs.push(dir);
      return { store: track(openSqliteStore(dir)), openAnother: async () => track(openSqliteStore(dir)), location: dir };
    },
  },
  {
    kind: 'postgres',
    async fresh() {
      const url = await (await testPostgres()).newDatabase();
      return { store: track(await openPostgresStore(url)), openAnother: async (options) => track(await openPostgresStore(url, options)), location: url };
    },
  },
];
