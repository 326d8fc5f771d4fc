/**
 * A real PostgreSQL for one test file (stack/postgres/postgresServer.ts: Debian's server, a temporary
 * data directory, a free loopback port) and a fresh, empty database per call of `newDatabase()`, so
 * tests in one file never see each other's rows. Start it in beforeAll, stop it in afterAll.
 */
import pg from 'pg';
import { startPostgres, type PostgresServer } from '../../stack/postgres/postgresServer.ts';

export interface TestPostgres {
  readonly server: PostgresServer;
  /** The URL of a database created just now. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const server = await startPostgres();
  let next = 0;
  return {
    server,
    async newDatabase() {
      const name = `test_${process.pid}_${++next}`;
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: () => server.stop(),
  };
}
