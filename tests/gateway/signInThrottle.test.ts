/**
 * Sign-in throttling and constant-time failure (issue 11, points 1 and 2): an attacker's failures
 * from one address do not lock the real user out elsewhere, flooding cannot clear a lock, and an
 * unknown e-mail costs the same password check as a known one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../gateway/directory/passwords.ts';
import { createSignInService } from '../../gateway/directory/signIn.ts';
import type { DirectoryStore, DirectoryUser } from '../../gateway/store/store.ts';
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

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('Sign-in throttle by (account, IP), per IP and per account', () => {
  it('locks the attacking IP for that account but lets the real user in from another IP', async () => {
    const service = createSignInService(directoryOf(victim), { now: clock().now });
    for (let i = 0; i < 5; i++) expect((await service.signIn(victim.email, `guess-${i}`, '203.0.113.9')).ok).toBe(false);
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await service.signIn(victim.email, PASSWORD, '198.51.100.7')).toMatchObject({ ok: true });
  });

  it('locks one IP that sprays many accounts, without locking those accounts elsewhere', async () => {
    const service = createSignInService(directoryOf(victim), { now: clock().now });
    for (let i = 0; i < 20; i++) await service.signIn(`someone-${i}@acme.example`, 'x', '203.0.113.9');
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await service.signIn(victim.email, PASSWORD, '198.51.100.7')).toMatchObject({ ok: true });
  });

  it('locks an account guessed from many IPs for new devices, not for the device that signed in before', async () => {
    const service = createSignInService(directoryOf(victim), { now: clock().now });
    expect((await service.signIn(victim.email, PASSWORD, '198.51.100.7')).ok).toBe(true);
    for (let i = 0; i < 50; i++) await service.signIn(victim.email, 'guess', `203.0.113.${i}`);
    expect(await service.signIn(victim.email, PASSWORD, '192.0.2.200')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await service.signIn(victim.email, PASSWORD, '198.51.100.7')).toMatchObject({ ok: true });
  });

  it('does not clear a lock when junk e-mails from many IPs flood the bounded table', async () => {
    const time = clock();
    // A cheap password check: this test is about the table, not scrypt.
    const cheap = { ...victim, passwordHash: `plain$${PASSWORD}` };
    const verify = async (password: string, encoded: string) => encoded === `plain$${password}`;
    const service = createSignInService(directoryOf(cheap), { now: time.now, maxTracked: 20, verify });
    for (let i = 0; i < 5; i++) await service.signIn(victim.email, 'guess', '203.0.113.9');
    for (let i = 0; i < 300; i++) await service.signIn(`junk-${i}@x.example`, 'x', `10.0.${i >> 8}.${i & 255}`);
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
    time.advance(31_000);
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: true });
  });

  it('refuses new unknown keys rather than forget locks when the table is full of live locks', async () => {
    const service = createSignInService(directoryOf(victim), { now: clock().now, maxTracked: 4 });
    for (let i = 0; i < 5; i++) await service.signIn(victim.email, 'guess', '203.0.113.9');
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) for (let i = 0; i < 5; i++) await service.signIn(`${ip}@x.example`, 'x', ip);
    // Every (account, IP) entry is now a live lock: a new pair is refused, the old lock stays.
    expect(await service.signIn('new@x.example', 'x', '10.9.9.9')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await service.signIn(victim.email, PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
  });
});

describe('Constant-time sign-in failure', () => {
  it('runs the password check (scrypt) for an unknown e-mail and an empty password too', async () => {
    const calls: string[] = [];
    const verify = async (password: string, encoded: string) => {
      calls.push(encoded.split('$')[0]!);
      return verifyPassword(password, encoded);
    };
    const service = createSignInService(directoryOf(victim), { now: clock().now, verify });
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
