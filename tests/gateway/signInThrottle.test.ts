/**
 * Sign-in throttling and constant-time failure (issue 11, points 1 and 2): an attacker's failures
 * from one address do not lock the real user out elsewhere, flooding cannot clear a lock, and an
 * unknown e-mail costs the same password check as a known one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../gateway/directory/passwords.ts';
import { createSignInService, SIGN_IN_FORGET_MS } from '../../gateway/directory/signIn.ts';
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';
import type { DirectoryStore, DirectoryUser, GatewayStore, LimitStore } from '../../gateway/store/store.ts';
import { CookieJar } from '../support/oauthDriver.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

const PASSWORD = 'precious-vanadyl-30';
let victim: DirectoryUser;
beforeAll(async () => {
  victim = { id: 'u1', email: 'victim@acme.example', name: 'Victim', department: 'Ops', passwordHash: await hashPassword(PASSWORD) };
});

const directoryOf = (...users: DirectoryUser[]): DirectoryStore => ({
  upsertUser: async () => undefined,
  findById: async (id) => users.find((u) => u.id === id),
  findByEmail: async (email) => users.find((u) => u.email === email),
});

/** A fresh store per test: the throttles' counters live there (issue 14). */
const opened: GatewayStore[] = [];
const freshLimits = (): LimitStore => {
  const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'gangway-sign-in-')));
  opened.push(store);
  return store.limits;
};
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('Sign-in throttle by (account, IP), per IP and per account', () => {
  it('locks the attacking IP for that account but lets the real user in from another IP', async () => {
    const service = createSignInService(directoryOf(victim), freshLimits(), { now: clock().now });
    for (let i = 0; i < 5; i++) expect((await service.signIn(victim.email, `guess-${i}`, '203.0.113.9')).ok).toBe(false);
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await service.signIn(victim.email, PASSWORD, '198.51.100.7')).toMatchObject({ ok: true });
  });

  it('locks one IP that sprays many accounts, without locking those accounts elsewhere', async () => {
    const service = createSignInService(directoryOf(victim), freshLimits(), { now: clock().now });
    for (let i = 0; i < 20; i++) await service.signIn(`someone-${i}@acme.example`, 'x', '203.0.113.9');
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await service.signIn(victim.email, PASSWORD, '198.51.100.7')).toMatchObject({ ok: true });
  });

  it('locks an account guessed from many IPs for new devices, not for the device that signed in before', async () => {
    const service = createSignInService(directoryOf(victim), freshLimits(), { now: clock().now });
    expect((await service.signIn(victim.email, PASSWORD, '198.51.100.7')).ok).toBe(true);
    for (let i = 0; i < 50; i++) await service.signIn(victim.email, 'guess', `203.0.113.${i}`);
    expect(await service.signIn(victim.email, PASSWORD, '192.0.2.200')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await service.signIn(victim.email, PASSWORD, '198.51.100.7')).toMatchObject({ ok: true });
  });

  // A cheap password check: these tests are about the tables, not scrypt.
  const cheap = () => ({ ...victim, passwordHash: `plain$${PASSWORD}` });
  const verify = async (password: string, encoded: string) => encoded === `plain$${password}`;

  it('does not clear a lock when junk e-mails from many IPs flood the table', async () => {
    const time = clock();
    const service = createSignInService(directoryOf(cheap()), freshLimits(), { now: time.now, verify });
    for (let i = 0; i < 5; i++) await service.signIn(victim.email, 'guess', '203.0.113.9');
    for (let i = 0; i < 300; i++) await service.signIn(`junk-${i}@x.example`, 'x', `10.0.${i >> 8}.${i & 255}`);
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
    time.advance(31_000);
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: true });
  });

  it('is bounded by the sweep: unlocked keys idle for the forget period go, a live lock stays', async () => {
    const time = clock();
    const limits = freshLimits();
    const service = createSignInService(directoryOf(cheap()), limits, { now: time.now, verify });
    for (let i = 0; i < 300; i++) await service.signIn(`junk-${i}@x.example`, 'x', `10.0.${i >> 8}.${i & 255}`);
    time.advance(SIGN_IN_FORGET_MS - 10_000);
    for (let i = 0; i < 5; i++) await service.signIn(victim.email, 'guess', '203.0.113.9');
    time.advance(10_001);
    // 300 junk attempts wrote an IP, an account and a pair row each; the attacker's rows are recent or locked.
    expect(await limits.sweep(time.now(), SIGN_IN_FORGET_MS)).toBe(900);
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
    time.advance(30_000);
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: true });
  });
});

describe('Constant-time sign-in failure', () => {
  it('runs the password check (scrypt) for an unknown e-mail and an empty password too', async () => {
    const calls: string[] = [];
    const verify = async (password: string, encoded: string) => {
      calls.push(encoded.split('$')[0]!);
      return verifyPassword(password, encoded);
    };
    const service = createSignInService(directoryOf(victim), freshLimits(), { now: clock().now, verify });
    await service.signIn('nobody@acme.example', 'wrong', '192.0.2.1');
    await service.signIn(victim.email, 'wrong', '192.0.2.1');
    await service.signIn(victim.email, '', '192.0.2.1');
    await service.signIn('', '', '192.0.2.1');
    expect(calls).toEqual(['scrypt', 'scrypt', 'scrypt', 'scrypt']);
  });
});

describe('Portal sign-in behind a proxy (X-Forwarded-For)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ trustProxy: true });
  });
  afterAll(async () => gw?.stop());

  const signIn = async (ip: string, email: string, password: string) => {
    const jar = new CookieJar();
    const form = await (await jar.fetch(`${gw.current.url}/portal/sign-in`, { headers: { 'x-forwarded-for': ip } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    return jar.fetch(`${gw.current.url}/portal/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      body: new URLSearchParams({ csrf, email, password }).toString(),
    });
  };

  it('five wrong passwords from an attacker do not refuse the real user from their own address', async () => {
    const person = gw.current.app.directory[3]!;
    for (let i = 0; i < 5; i++) expect((await signIn('203.0.113.9', person.email, `nope-${i}`)).status).toBe(401);
    expect((await signIn('203.0.113.9', person.email, person.password)).status).toBe(429);
    expect((await signIn('198.51.100.7', person.email, person.password)).status).toBe(303);
  });

  it('keys on the address the proxy appended, not on one the client wrote in front of it', async () => {
    const person = gw.current.app.directory[4]!;
    for (let i = 0; i < 5; i++) expect((await signIn(`10.9.9.${i}, 203.0.113.10`, person.email, `nope-${i}`)).status).toBe(401);
    expect((await signIn('10.9.9.99, 203.0.113.10', person.email, person.password)).status).toBe(429);
  });
});
