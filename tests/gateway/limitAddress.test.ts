/**
 * Limits and sign-in throttles count an IPv6 client by its /64 (issue 14): an attacker rotating
 * through the addresses of one subscriber network neither escapes a limit nor writes a fresh row
 * to the store per request.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInService } from '../../gateway/directory/signIn.ts';
import { limitAddress } from '../../gateway/http/limitAddress.ts';
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';
import type { DirectoryUser } from '../../gateway/store/store.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

describe('The address a limit counts', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::ffff:c000:201', '192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:DB8:0:0:1::', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    ['unknown', 'unknown'],
  ])('%s counts as %s', (ip, key) => {
    expect(limitAddress(ip)).toBe(key);
  });
});

describe('Rotating IPv6 addresses within one /64', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ trustProxy: true, registrationsPerIp: 3 });
  });
  afterAll(async () => gw?.stop());

  it(`${cite('AS-07')} does not escape the per-address registration limit`, async () => {
    const register = (ip: string) =>
      fetch(`${gw.current.url}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ redirect_uris: ['https://client.example/cb'], token_endpoint_auth_method: 'none' }),
      });
    const statuses = [];
    for (let i = 1; i <= 5; i++) statuses.push((await register(`2001:db8:7:7::${i.toString(16)}`)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect((await register('2001:db8:7:8::1')).status).toBe(201);
  });

  it('does not escape the sign-in lock of that network, and leaves other networks alone', async () => {
    const user: DirectoryUser = { id: 'u1', email: 'victim@acme.example', name: 'Victim', department: 'Ops', passwordHash: 'plain$right' };
    const store = openSqliteStore(mkdtempSync(join(tmpdir(), 'gangway-v6-')));
    try {
      const service = createSignInService(
        { upsertUser: async () => undefined, findById: async () => user, findByEmail: async (e) => (e === user.email ? user : undefined) },
        store.limits,
        { now: () => 1_000_000, verify: async (password, encoded) => encoded === `plain$${password}` },
      );
      for (let i = 1; i <= 5; i++) await service.signIn(user.email, 'guess', `2001:db8:9:9::${i}`);
      expect(await service.signIn(user.email, 'right', '2001:db8:9:9:ffff::1')).toMatchObject({ ok: false, reason: 'locked' });
      expect(await service.signIn(user.email, 'right', '2001:db8:9:a::1')).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });
});
