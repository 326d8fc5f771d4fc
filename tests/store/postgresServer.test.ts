/**
 * stack/postgres/postgresServer.ts: a real PostgreSQL from Debian's package, as the cluster
 * launcher and the tests start it — kept data directory reused on the next start, password kept
 * 0600 beside it and required (SCRAM), loopback only, a fast stop.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { postgresBinDir, startPostgres } from '../../stack/postgres/postgresServer.ts';

const home = mkdtempSync(join(tmpdir(), 'gangway-pg-test-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('PostgreSQL server for the cluster and the tests', () => {
  it('initdb on first start; the same data and password on the next start', async () => {
    const dataDir = join(home, 'pg');
    const started = Date.now();
    const first = await startPostgres({ dataDir });
    const firstMs = Date.now() - started;
    try {
      expect(first.url).toMatch(new RegExp(`^postgres://gangway:[^@]+@127\\.0\\.0\\.1:${first.port}/gangway$`));
      expect(statSync(join(home, 'pg.password')).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      await query(first.url, 'CREATE TABLE kept (x TEXT); INSERT INTO kept VALUES (\'still here\')');
      const settings = await query(first.url, "SELECT name, setting FROM pg_settings WHERE name IN ('listen_addresses', 'password_encryption')");
      expect(Object.fromEntries(settings.rows.map((r: { name: string; setting: string }) => [r.name, r.setting]))).toEqual({ listen_addresses: '127.0.0.1', password_encryption: 'scram-sha-256' });
      const noPassword = new URL(first.url);
      noPassword.password = '';
      await expect(query(noPassword.toString(), 'SELECT 1')).rejects.toThrow(/password/);
    } finally {
      const stopping = Date.now();
      await first.stop();
      expect(Date.now() - stopping).toBeLessThan(5000);
    }
    const second = await startPostgres({ dataDir });
    try {
      expect((await query(second.url, 'SELECT x FROM kept')).rows).toEqual([{ x: 'still here' }]);
    } finally {
      await second.stop();
    }
    console.log(`PostgreSQL first start (initdb + start + CREATE DATABASE): ${firstMs} ms`);
  });

  it('without the server binaries, says what to install', () => {
    expect(() => postgresBinDir(join(home, 'no-postgresql-here'))).toThrow(/PostgreSQL server binaries not found .*: apt-get install -y postgresql$/);
    expect(postgresBinDir()).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
  });

  it('a temporary server leaves nothing behind', async () => {
    const server = await startPostgres();
    await server.stop();
    expect(() => statSync(server.dataDir)).toThrow();
  });
});

describe('A server whose test process is killed outright', () => {
  it('shuts down instead of lingering on a shared machine', async () => {
    const script = join(home, 'starts-postgres.mts');
    writeFileSync(script, `import { startPostgres } from ${JSON.stringify(join(process.cwd(), 'stack/postgres/postgresServer.ts'))};\nconst s = await startPostgres();\nconsole.log(s.port);\nsetInterval(() => {}, 1000);\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((done, fail) => {
      child.stdout!.once('data', (chunk: Buffer) => done(Number(chunk.toString().trim())));
      child.once('exit', (code) => fail(new Error(`the child exited (${code}) before starting PostgreSQL`)));
    });
    const accepts = () => new Promise<boolean>((done) => connect(port, '127.0.0.1').once('connect', function (this: import('node:net').Socket) { this.destroy(); done(true); }).once('error', () => done(false)));
    expect(await accepts()).toBe(true);
    child.kill('SIGKILL');
    await vi.waitFor(async () => expect(await accepts()).toBe(false), { timeout: 10_000, interval: 200 });
  });
});
