/**
 * The two stores a test can run a gateway on (issue 14): the embedded SQLite default, and a real
 * PostgreSQL server from Debian's package started for the test file (tests/support/postgres.ts).
 * `describe.each(storeKinds())` runs a suite on both; the PostgreSQL server starts only when its
 * suite does, and stops in `cleanup`.
 */
import type { SettingName } from '../../gateway/config/settings.ts';
import { startTestPostgres, type TestPostgres } from './postgres.ts';

export interface StoreKind {
  readonly kind: 'sqlite' | 'postgres';
  /** Gateway settings selecting this store (none for SQLite: the data directory's file). */
  settings(): Promise<Partial<Record<SettingName, unknown>>>;
  cleanup(): Promise<void>;
}

export function storeKinds(): StoreKind[] {
  let server: TestPostgres | undefined;
  return [
    { kind: 'sqlite', settings: async () => ({}), cleanup: async () => undefined },
    {
      kind: 'postgres',
      async settings() {
        server ??= await startTestPostgres();
        return { databaseUrl: await server.newDatabase() };
      },
      async cleanup() {
        await server?.stop();
        server = undefined;
      },
    },
  ];
}
