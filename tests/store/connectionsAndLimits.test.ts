/**
 * Store contract, upstream credentials, grants and limits (issue 14), on SQLite and PostgreSQL
 * alike: one refresh lock holder among concurrent replicas and rotated tokens landing only on the
 * version they started from (UP-03), grants replaced as a whole, and limits counted atomically.
 */
import { describe, expect, it } from 'vitest';
import type { UpstreamConnection } from '../../gateway/store/store.ts';
import { cite } from '../support/requirements.ts';
import { STORE_KINDS } from './storeUnderTest.ts';

const connection = (overrides: Partial<UpstreamConnection> = {}) => ({
  accountId: 'alice',
  connectorId: 'atlassian',
  method: 'oauth' as const,
  secret: 'sealed-1',
  scopes: ['read', 'write'],
  expiresAt: 5000,
  connectedAt: 1000,
  ...overrides,
});

describe.each(STORE_KINDS)('Connections, grants and limits on $kind', (kind) => {
  it('connections: save, list, touch, needs-reconnect, reconnect and delete, each bumping the version', async () => {
    const { store } = await kind.fresh();
    await store.connections.save(connection());
    await store.connections.save(connection({ connectorId: 'github', method: 'api_key', scopes: [], expiresAt: undefined }));
    expect(await store.connections.get('alice', 'atlassian')).toEqual({ ...connection(), status: 'connected', lastUsedAt: undefined, version: 1 });
    await store.connections.touch('alice', 'atlassian', 3000);
    await store.connections.markNeedsReconnect('alice', 'atlassian');
    expect(await store.connections.get('alice', 'atlassian')).toMatchObject({ status: 'needs_reconnect', lastUsedAt: 3000, version: 2 });
    await store.connections.save(connection({ secret: 'sealed-2' }));
    expect(await store.connections.get('alice', 'atlassian')).toMatchObject({ status: 'connected', secret: 'sealed-2', version: 3 });
    expect((await store.connections.listForAccount('alice')).map((c) => [c.connectorId, c.scopes])).toEqual([
      ['atlassian', ['read', 'write']],
      ['github', []],
    ]);
    await store.connections.delete('alice', 'github');
    expect(await store.connections.get('alice', 'github')).toBeUndefined();
  });

  it(`${cite('UP-03')} concurrent refresh locks through two stores: one holder; free again when unlocked or expired`, async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    await store.connections.save(connection());
    const locks = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).connections.tryLockRefresh('alice', 'atlassian', 100, 10_100)));
    expect(locks.filter(Boolean)).toHaveLength(1);
    expect(await store.connections.tryLockRefresh('alice', 'atlassian', 10_099, 20_000)).toBe(false);
    expect(await other.connections.tryLockRefresh('alice', 'atlassian', 10_100, 20_000)).toBe(true); // the lease ran out
    await store.connections.unlockRefresh('alice', 'atlassian');
    expect(await other.connections.tryLockRefresh('alice', 'atlassian', 10_101, 20_000)).toBe(true);
    expect(await other.connections.tryLockRefresh('nobody', 'atlassian', 0, 1)).toBe(false);
  });

  it(`${cite('UP-03')} rotated tokens land once: concurrent replaceSecret on one version, one succeeds and releases the lock`, async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    await store.connections.save(connection());
    expect(await store.connections.tryLockRefresh('alice', 'atlassian', 0, 60_000)).toBe(true);
    const results = await Promise.all([store, other, store, other].map((s, i) => s.connections.replaceSecret('alice', 'atlassian', 1, `rotated-${i}`, 9000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const after = await other.connections.get('alice', 'atlassian');
    expect(after).toMatchObject({ version: 2, expiresAt: 9000, secret: `rotated-${results.indexOf(true)}` });
    expect(await other.connections.tryLockRefresh('alice', 'atlassian', 1, 2)).toBe(true);
  });

  it('tool grants: replaced as a whole per client (lists sorted, left-out kinds meaning all), deleted per client or connector', async () => {
    const { store, openAnother } = await kind.fresh();
    await store.toolGrants.replaceForClient('alice', 'c1', [{ connectorId: 'github', tools: ['z', 'a'], prompts: ['p'], resources: '*' }, { connectorId: 'slack', tools: '*' }], 10);
    await store.toolGrants.replaceForClient('alice', 'c2', [{ connectorId: 'github', tools: [] }], 20);
    await store.toolGrants.replaceForClient('alice', 'c1', [{ connectorId: 'github', tools: ['b', 'a'] }, { connectorId: 'slack', tools: '*' }], 30);
    const other = await openAnother();
    expect(await other.toolGrants.listForClient('alice', 'c1')).toEqual([
      { accountId: 'alice', clientId: 'c1', connectorId: 'github', tools: ['a', 'b'], prompts: '*', resources: '*', grantedAt: 30 },
      { accountId: 'alice', clientId: 'c1', connectorId: 'slack', tools: '*', prompts: '*', resources: '*', grantedAt: 30 },
    ]);
    await store.toolGrants.deleteForConnector('alice', 'github');
    expect((await store.toolGrants.listForAccount('alice')).map((g) => `${g.clientId}/${g.connectorId}`)).toEqual(['c1/slack']);
    await store.toolGrants.deleteForClient('alice', 'c1');
    expect(await store.toolGrants.listForAccount('alice')).toEqual([]);
  });

  it('a grant replacement that fails part-way leaves the previous grants in place', async () => {
    const { store } = await kind.fresh();
    await store.toolGrants.replaceForClient('alice', 'c1', [{ connectorId: 'github', tools: ['a'] }], 10);
    // The same connector twice violates the primary key on the second insert.
    await expect(store.toolGrants.replaceForClient('alice', 'c1', [{ connectorId: 'slack', tools: '*' }, { connectorId: 'slack', tools: '*' }], 20)).rejects.toThrow();
    expect((await store.toolGrants.listForClient('alice', 'c1')).map((g) => g.connectorId)).toEqual(['github']);
  });

  it(`${cite('SEC-05')} limits: a token bucket shared by two stores never hands out more than it holds`, async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    const waits = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).limits.takeToken('alice', 4, 1 / 1000, 1000)));
    expect(waits.filter((w) => w === 0)).toHaveLength(4);
    // Under a concurrent burst a refusal's wait is advice (PostgreSQL reads it from the statement's snapshot); alone it is exact.
    for (const wait of waits.filter((w) => w > 0)) expect(wait).toBeLessThanOrEqual(1000);
    expect(await other.limits.takeToken('alice', 4, 1 / 1000, 1000)).toBe(1000); // one token a second
    expect(await store.limits.takeToken('alice', 4, 1 / 1000, 2000)).toBe(0);
  });

  it('limits: fixed windows restart, failures count with a lock, clear, and sweep what no longer matters', async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    const hits = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? store : other).limits.hitWindow('ip', 60_000, 1000)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await store.limits.hitWindow('ip', 60_000, 61_000)).toEqual({ count: 1, startedAt: 61_000 });
    const lockFor = (count: number) => (count >= 3 ? 10_000 : 0);
    await Promise.all([store, other, store].map((s) => s.limits.recordFailure('user', 500, lockFor)));
    expect(await other.limits.failures('user')).toEqual({ count: 3, lockedUntil: 10_500, lastFailureAt: 500 });
    await store.limits.clearFailures('user');
    expect(await store.limits.failures('user')).toBeUndefined();
    await store.limits.recordFailure('old', 0, lockFor);
    expect(await store.limits.sweep(200_000, 100_000)).toBeGreaterThanOrEqual(2); // the window and the old failure
    expect(await store.limits.failures('old')).toBeUndefined();
  });
});
