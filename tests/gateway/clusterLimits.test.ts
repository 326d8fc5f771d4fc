/**
 * Issue 14, part 2: rate limits and sign-in throttles are cluster-wide. Two replicas are two
 * LimitStores over the SAME store — two connections to one SQLite file (two processes' view of
 * one data directory), or two PostgreSQL stores (a pool each) on one database — and every limit
 * counts what went through both: a limit of N admits exactly N in total, a lock earned through
 * one replica holds on the other.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSignInService } from '../../gateway/directory/signIn.ts';
import { createWindowLimiter } from '../../gateway/oauth/endpointRateLimit.ts';
import { openPostgresStore } from '../../gateway/store/postgres/openPostgresStore.ts';
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';
import type { DirectoryStore, DirectoryUser, LimitStore } from '../../gateway/store/store.ts';
import { createToolCallRateLimit } from '../../gateway/tools/toolCallRateLimit.ts';
import { startPostgres, type PostgresServer } from '../../stack/postgres/postgresServer.ts';
import { cite } from '../support/requirements.ts';

interface Replicas {
  readonly a: LimitStore;
  readonly b: LimitStore;
  close(): Promise<void>;
}

const sqliteReplicas = async (): Promise<Replicas> => {
  const dir = mkdtempSync(join(tmpdir(), 'gangway-cluster-limits-'));
  const [one, two] = [openSqliteStore(dir), openSqliteStore(dir)];
  return { a: one.limits, b: two.limits, close: async () => void (await Promise.all([one.close(), two.close()])) };
};

let server: PostgresServer | undefined;
let database = 0;
/** Two replicas' stores (each its own pool) on a fresh database of one real PostgreSQL server. */
const postgresReplicas = async (): Promise<Replicas> => {
  server ??= await startPostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const name = `limits_${++database}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = server.url.replace(/\/[^/]+$/, `/${name}`);
  const one = await openPostgresStore(url);
  const two = await openPostgresStore(url);
  return { a: one.limits, b: two.limits, close: async () => void (await Promise.all([one.close(), two.close()])) };
};

afterAll(async () => server?.stop());

const PASSWORD = 'precious-vanadyl-30';
const user: DirectoryUser = { id: 'u1', email: 'victim@acme.example', name: 'Victim', department: 'Ops', passwordHash: `plain$${PASSWORD}` };
const directory: DirectoryStore = {
  upsertUser: async () => undefined,
  findById: async (id) => (id === user.id ? user : undefined),
  findByEmail: async (email) => (email === user.email ? user : undefined),
};
// A cheap password check: these tests are about the counters, not scrypt.
const verify = async (password: string, encoded: string) => encoded === `plain$${password}`;

describe.each([
  { kind: 'embedded SQLite, two connections to one file', open: sqliteReplicas },
  { kind: 'PostgreSQL, two stores on one database', open: postgresReplicas },
])('Cluster-wide limits ($kind)', ({ open }) => {
  let replicas: Replicas | undefined;
  const start = async () => (replicas = await open());
  afterEach(async () => {
    await replicas?.close();
    replicas = undefined;
  });

  it(`${cite('SEC-05')} a tool-call limit of N admits exactly N calls in total across two replicas`, async () => {
    const { a, b } = await start();
    let now = 5_000_000;
    // 60 a minute: a burst of 6, then one a second.
    const [one, two] = [createToolCallRateLimit(a, 60, () => now), createToolCallRateLimit(b, 60, () => now)];
    const waits = [];
    for (let i = 0; i < 20; i++) waits.push(await (i % 2 ? one : two).take('alice'));
    expect(waits.filter((w) => w === 0)).toHaveLength(6);
    expect(waits.slice(6).every((w) => w === 1)).toBe(true);
    now += 1000;
    expect(await two.take('alice')).toBe(0);
    expect(await one.take('alice')).toBe(1);
  });

  it('many parallel takes on both replicas admit exactly the bucket\'s capacity', async () => {
    const { a, b } = await start();
    const waits = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).takeToken('burst', 37, 1 / 60_000, 1_000_000)));
    expect(waits.filter((w) => w === 0)).toHaveLength(37);
    expect(waits.filter((w) => w > 0).every((w) => w > 0 && w <= 60_000)).toBe(true);
  });

  it('parallel failures and window hits through both replicas are each counted once', async () => {
    const { a, b } = await start();
    const lockFor = (count: number) => (count >= 5 ? 1000 * count : 0);
    const failures = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).recordFailure('spray', 1_000, lockFor)));
    expect(failures.map((f) => f.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await a.failures('spray')).toEqual({ count: 60, lockedUntil: 61_000, lastFailureAt: 1_000 });
    const hits = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).hitWindow('flood', 60_000, 1_000)));
    expect(hits.map((h) => h.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('an OAuth endpoint window counts one address across both replicas', async () => {
    const { a, b } = await start();
    let now = 0;
    const [one, two] = [createWindowLimiter(a, 'oauth/register', 3, 60_000, () => now), createWindowLimiter(b, 'oauth/register', 3, 60_000, () => now)];
    const waits = [];
    for (let i = 0; i < 8; i++) waits.push(await (i % 2 ? one : two).take('203.0.113.9'));
    expect(waits).toEqual([0, 0, 0, 60, 60, 60, 60, 60]);
    now += 60_000;
    expect(await one.take('203.0.113.9')).toBe(0);
  });

  it('a sign-in lock earned through one replica holds on the other, for that address only', async () => {
    const { a, b } = await start();
    const now = () => 1_000_000;
    const [one, two] = [createSignInService(directory, a, { now, verify }), createSignInService(directory, b, { now, verify })];
    for (let i = 0; i < 5; i++) expect(await one.signIn(user.email, `guess-${i}`, '203.0.113.9')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await two.signIn(user.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 30 });
    expect(await two.signIn(user.email, PASSWORD, '198.51.100.7')).toMatchObject({ ok: true });
  });

  it('the back-off doubles with failures through either replica: 30 s, then 60 s, then 120 s', async () => {
    const { a, b } = await start();
    let now = 1_000_000;
    const [one, two] = [createSignInService(directory, a, { now: () => now, verify }), createSignInService(directory, b, { now: () => now, verify })];
    for (let i = 0; i < 5; i++) await (i % 2 ? one : two).signIn(user.email, 'guess', '203.0.113.9');
    expect(await one.signIn(user.email, PASSWORD, '203.0.113.9')).toMatchObject({ reason: 'locked', retryAfterSeconds: 30 });
    now += 30_000;
    expect(await two.signIn(user.email, 'guess', '203.0.113.9')).toMatchObject({ reason: 'invalid' });
    expect(await one.signIn(user.email, PASSWORD, '203.0.113.9')).toMatchObject({ reason: 'locked', retryAfterSeconds: 60 });
    now += 60_000;
    expect(await one.signIn(user.email, 'guess', '203.0.113.9')).toMatchObject({ reason: 'invalid' });
    expect(await two.signIn(user.email, PASSWORD, '203.0.113.9')).toMatchObject({ reason: 'locked', retryAfterSeconds: 120 });
  });

  it('failures of one address spread over both replicas add up to the per-IP lock', async () => {
    const { a, b } = await start();
    const now = () => 1_000_000;
    const [one, two] = [createSignInService(directory, a, { now, verify }), createSignInService(directory, b, { now, verify })];
    // 20 free failures per IP: 10 through each replica is the whole allowance, not half of it.
    for (let i = 0; i < 20; i++) await (i % 2 ? one : two).signIn(`someone-${i}@acme.example`, 'x', '203.0.113.9');
    expect(await one.signIn(user.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await two.signIn(user.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('a device that signed in through one replica is known to the other (exempt from the account lock)', async () => {
    const { a, b } = await start();
    const now = () => 1_000_000;
    const [one, two] = [createSignInService(directory, a, { now, verify }), createSignInService(directory, b, { now, verify })];
    expect(await one.signIn(user.email, PASSWORD, '198.51.100.7')).toMatchObject({ ok: true });
    for (let i = 0; i < 50; i++) await (i % 2 ? one : two).signIn(user.email, 'guess', `203.0.113.${i}`);
    expect(await two.signIn(user.email, PASSWORD, '192.0.2.200')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await two.signIn(user.email, PASSWORD, '198.51.100.7')).toMatchObject({ ok: true });
  });

  it('a replica whose clock runs behind neither refills a bucket backwards nor takes twice', async () => {
    const { a, b } = await start();
    // One token a second, capacity 2: replica A at t=10 s empties it; B's clock says 9 s.
    expect(await a.takeToken('skew', 2, 1 / 1000, 10_000)).toBe(0);
    expect(await a.takeToken('skew', 2, 1 / 1000, 10_000)).toBe(0);
    expect(await b.takeToken('skew', 2, 1 / 1000, 9_000)).toBe(1000);
    expect(await b.takeToken('skew', 2, 1 / 1000, 11_000)).toBe(0);
  });

  it('the sweep deletes full buckets, ended windows and forgotten failures, never a live lock', async () => {
    const { a, b } = await start();
    await a.takeToken('full-again', 2, 1 / 1000, 0); // full again at 1 s
    await a.takeToken('still-low', 2, 1 / 1000, 99_500);
    await a.takeToken('still-low', 2, 1 / 1000, 100_000); // 0.5 token left at 100 s: full again at 101.5 s
    await b.hitWindow('old-window', 60_000, 0);
    await b.hitWindow('new-window', 60_000, 95_000);
    await a.recordFailure('idle', 0, () => 0);
    await a.recordFailure('locked', 0, () => 10 * 60_000);
    await b.recordFailure('recent', 95_000, () => 0);
    expect(await b.sweep(100_000, 60_000)).toBe(3);
    expect(await b.failures('locked')).toMatchObject({ count: 1, lockedUntil: 600_000 });
    expect(await a.failures('recent')).toMatchObject({ count: 1 });
    expect(await a.failures('idle')).toBeUndefined();
    expect(await a.hitWindow('new-window', 60_000, 100_000)).toEqual({ count: 2, startedAt: 95_000 });
    expect(await a.hitWindow('old-window', 60_000, 100_000)).toEqual({ count: 1, startedAt: 100_000 });
    // 'still-low' kept its half token: one more take at 100 s is refused for the 500 ms it lacks.
    expect(await b.takeToken('still-low', 2, 1 / 1000, 100_000)).toBe(500);
  });
});

describe('Cluster-wide limits on the embedded store, two real processes', () => {
  /** Starts a process taking tokens from `dir`; resolves once its store is open. */
  const taker = async (dir: string, attempts: number, capacity: number) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/takeTokensProcess.ts', dir, 'shared', String(attempts), String(capacity)]);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await new Promise<void>((ready, fail) => {
      child.stdout.on('data', () => out.includes('ready') && ready());
      child.once('exit', (code) => fail(new Error(`taker exited ${code}`)));
    });
    const admitted = new Promise<{ count: number; from: number; to: number }>((done) =>
      child.once('exit', () => {
        const [count = -1, from = 0, to = 0] = (/admitted (\d+) (\d+) (\d+)/.exec(out) ?? []).slice(1).map(Number);
        done({ count, from, to });
      }),
    );
    return { go: () => child.stdin.end('go\n'), admitted };
  };

  it('two processes taking from one bucket at once are given exactly its capacity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gangway-two-processes-'));
    await openSqliteStore(dir).close(); // migrated once, before either process starts
    const [one, two] = [await taker(dir, 4000, 5000), await taker(dir, 4000, 5000)];
    one.go();
    two.go();
    const [x, y] = await Promise.all([one.admitted, two.admitted]);
    expect(x.count + y.count).toBe(5000);
    // They took at the same time, each from the other's leftovers: 4,000 attempts each, 5,000 tokens in all.
    expect(Math.max(x.from, y.from)).toBeLessThan(Math.min(x.to, y.to));
    expect(Math.min(x.count, y.count)).toBeGreaterThanOrEqual(1000);
  }, 60_000);
});
