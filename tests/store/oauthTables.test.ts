/**
 * Store contract, the OAuth side (issue 14), on SQLite and PostgreSQL alike: oidc-provider models
 * (one consumer wins, AUTH-11), directory, browser sessions, client approvals (AS-08), key material
 * (first writer wins, even across two stores at once), upstream authorizations (a state works once),
 * upstream client registrations, consent drafts and the audit trail.
 */
import { describe, expect, it } from 'vitest';
import { cite } from '../support/requirements.ts';
import { STORE_KINDS } from './storeUnderTest.ts';

describe.each(STORE_KINDS)('OAuth tables on $kind', (kind) => {
  it('oidc models: upsert, find by id, uid and user code, keep, revoke a grant’s family, count, sweep', async () => {
    const { store } = await kind.fresh();
    await store.oidc.upsert('RefreshToken', 'r1', { grantId: 'g1', uid: 'u1', userCode: 'UC' }, 60);
    await store.oidc.upsert('RefreshToken', 'r2', { grantId: 'g1' }, 60);
    await store.oidc.upsert('RefreshToken', 'r3', { grantId: 'g2' }, undefined);
    await store.oidc.upsert('Session', 'gone', {}, -1);
    expect(await store.oidc.find('RefreshToken', 'r1')).toEqual({ grantId: 'g1', uid: 'u1', userCode: 'UC' });
    expect(await store.oidc.findByUid('RefreshToken', 'u1')).toMatchObject({ grantId: 'g1' });
    expect(await store.oidc.findByUserCode('RefreshToken', 'UC')).toMatchObject({ grantId: 'g1' });
    expect(await store.oidc.find('Session', 'gone')).toBeUndefined();
    expect(await store.oidc.count('RefreshToken')).toBe(3);
    await store.oidc.revokeByGrantId('RefreshToken', 'g1');
    expect(await store.oidc.count('RefreshToken')).toBe(1);
    await store.oidc.upsert('Client', 'c', { client_id: 'c' }, 1);
    await store.oidc.keep('Client', 'c');
    expect(await store.oidc.sweepExpired(Date.now() + 10_000)).toBe(1); // the expired Session; the kept Client stays
    expect(await store.oidc.find('Client', 'c')).toBeDefined();
    await store.oidc.destroy('Client', 'c');
    expect(await store.oidc.find('Client', 'c')).toBeUndefined();
  });

  it(`${cite('AUTH-11')} two concurrent consumers of one code, through two stores: exactly one wins, and it reads back consumed`, async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    for (let round = 0; round < 5; round += 1) {
      await store.oidc.upsert('AuthorizationCode', `code-${round}`, { grantId: 'g' }, 60);
      const results = await Promise.all([store, other, store, other].map((s) => s.oidc.consume('AuthorizationCode', `code-${round}`)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(typeof (await other.oidc.find('AuthorizationCode', `code-${round}`))?.consumed).toBe('number');
    }
    expect(await store.oidc.consume('AuthorizationCode', 'never-issued')).toBe(false);
  });

  it('directory users (e-mail case-insensitive) and browser sessions (expiry honoured)', async () => {
    const { store } = await kind.fresh();
    const user = { id: 'u1', email: 'Ada@Example.com', name: 'Ada', department: 'R&D', passwordHash: 'h' };
    await store.directory.upsertUser(user);
    await store.directory.upsertUser({ ...user, name: 'Ada L.' });
    expect(await store.directory.findByEmail(' ADA@example.COM ')).toEqual({ ...user, email: 'ada@example.com', name: 'Ada L.' });
    expect(await store.directory.findById('nobody')).toBeUndefined();
    await store.sessions.create('h1', 'u1', 2000);
    expect(await store.sessions.find('h1', 1999)).toEqual({ accountId: 'u1' });
    expect(await store.sessions.find('h1', 2000)).toBeUndefined();
    await store.sessions.destroy('h1');
    expect(await store.sessions.find('h1', 0)).toBeUndefined();
  });

  it(`${cite('AS-08')} client approvals keep their permissions unless given, and list in approval order`, async () => {
    const { store } = await kind.fresh();
    await store.approvals.save('a', 'c2', 'g2', 20);
    await store.approvals.save('a', 'c1', 'g1', 10, { elicitation: false, sampling: true });
    await store.approvals.save('a', 'c1', 'g1b', 30); // no permissions given: it keeps its own
    expect(await store.approvals.find('a', 'c1')).toEqual({ grantId: 'g1b', approvedAt: 30, permissions: { elicitation: false, sampling: true } });
    expect(await store.approvals.setPermissions('a', 'c2', { elicitation: true, sampling: false })).toBe(true);
    expect(await store.approvals.setPermissions('a', 'nope', { elicitation: true, sampling: false })).toBe(false);
    expect((await store.approvals.listForAccount('a')).map((x) => [x.clientId, x.permissions.sampling])).toEqual([
      ['c2', false],
      ['c1', true],
    ]);
    await store.approvals.revoke('a', 'c2');
    expect(await store.approvals.find('a', 'c2')).toBeUndefined();
  });

  it('key material: two stores creating the same key at once agree on one value; replace only from the expected value', async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    const values = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? store : other).keys.getOrCreate('signing', () => `key-${i}`)));
    expect(new Set(values).size).toBe(1);
    expect(await store.keys.replace('signing', 'wrong', 'new')).toBe(false);
    expect(await other.keys.replace('signing', values[0]!, 'new')).toBe(true);
    expect(await store.keys.getOrCreate('signing', () => 'unused')).toBe('new');
  });

  it('upstream authorizations work once (two concurrent takes: one gets it) and never after expiry; registrations and drafts upsert', async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    const pending = { stateHash: 's1', accountId: 'a', connectorId: 'github', interactionUid: undefined, returnTo: '/x', verifier: 'v', redirectUri: 'http://r', expiresAt: Date.now() + 60_000 };
    await store.pendingAuthorizations.create(pending);
    const taken = await Promise.all([store.pendingAuthorizations.take('s1', Date.now()), other.pendingAuthorizations.take('s1', Date.now())]);
    expect(taken.filter(Boolean)).toEqual([pending]);
    await store.pendingAuthorizations.create({ ...pending, stateHash: 's2', interactionUid: 'i1' });
    expect(await store.pendingAuthorizations.take('s2', pending.expiresAt)).toBeUndefined();
    expect(await store.pendingAuthorizations.take('s2', 0)).toBeUndefined(); // deleted by the expired take

    // First writer wins: two replicas registering at once keep one registration.
    const saved = await Promise.all([store.upstreamClients.save('github', 'sealed-1', 1), other.upstreamClients.save('github', 'sealed-other', 1)]);
    expect(saved.filter(Boolean)).toHaveLength(1);
    const [winner, loser] = saved[0] ? ['sealed-1', 'sealed-other'] : ['sealed-other', 'sealed-1'];
    expect(await other.upstreamClients.get('github')).toBe(winner);
    // Replacing (a registration for another issuer) only what is still stored.
    expect(await other.upstreamClients.save('github', 'sealed-3', 3, loser)).toBe(false);
    expect(await store.upstreamClients.save('github', 'sealed-2', 2, winner)).toBe(true);
    expect(await other.upstreamClients.get('github')).toBe('sealed-2');

    const later = Date.now() + 60_000;
    await store.consentDrafts.save('i1', 'a', '{"v":1}', later);
    await store.consentDrafts.save('i1', 'a', '{"v":2}', later);
    expect(await other.consentDrafts.get('i1', Date.now())).toEqual({ accountId: 'a', draft: '{"v":2}' });
    expect(await other.consentDrafts.get('i1', later)).toBeUndefined();
    await store.consentDrafts.delete('i1');
    expect(await store.consentDrafts.get('i1', 0)).toBeUndefined();
  });

  it('audit: append, appendMany in order, list newest first with filters and a bounded limit', async () => {
    const { store } = await kind.fresh();
    await store.audit.append({ at: 1, event: 'sign_in', accountId: 'a', outcome: 'ok', detail: { ip: '127.0.0.1' } });
    await store.audit.appendMany([
      { at: 2, event: 'tool_call', accountId: 'a', clientId: 'c', connectorId: 'github', tool: 't1', outcome: 'ok', latencyMs: 12 },
      { at: 2, event: 'tool_call', accountId: 'b', tool: 't2', outcome: 'error' },
    ]);
    await store.audit.appendMany([]);
    const all = await store.audit.list({});
    expect(all.map((e) => e.tool ?? e.event)).toEqual(['t2', 't1', 'sign_in']);
    expect(all[2]).toEqual({ at: 1, event: 'sign_in', accountId: 'a', clientId: undefined, connectorId: undefined, tool: undefined, outcome: 'ok', latencyMs: undefined, detail: { ip: '127.0.0.1' } });
    expect((await store.audit.list({ accountId: 'a', event: 'tool_call' })).map((e) => e.latencyMs)).toEqual([12]);
    expect(await store.audit.list({ limit: 1 })).toHaveLength(1);
  });
});
