/**
 * Store contract, between processes (issue 14): the StoreChannel (LISTEN/NOTIFY on PostgreSQL,
 * this process only on SQLite) and externalChanges(), which tells a replica's read caches that
 * another replica wrote what they hold.
 */
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import type { GatewayStore } from '../../gateway/store/store.ts';
import { STORE_KINDS } from './storeUnderTest.ts';

/** Publishes until the subscriber heard it: a LISTEN issued by subscribe() takes effect a moment later. */
async function heard(from: GatewayStore, topic: string, payload: string, received: string[]): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!received.includes(payload)) await from.channel.publish(topic, payload);
      expect(received).toContain(payload);
    },
    { timeout: 5000, interval: 50 },
  );
}

describe.each(STORE_KINDS)('Store channel on $kind', (kind) => {
  it('delivers to this store’s subscribers asynchronously; a throwing listener breaks neither the publisher nor the others', async () => {
    const { store } = await kind.fresh();
    const received: string[] = [];
    store.channel.subscribe('grants', () => {
      throw new Error('a broken listener');
    });
    store.channel.subscribe('grants', (payload) => received.push(payload));
    store.channel.subscribe('other', (payload) => received.push(`other:${payload}`));
    await heard(store, 'grants', 'alice', received);
    expect(received).not.toContain('other:alice');
  });

  it('refuses payloads over 7000 bytes and topics that are not simple names, on both stores alike', async () => {
    const { store } = await kind.fresh();
    await expect(store.channel.publish('grants', 'x'.repeat(7001))).rejects.toThrow(/exceeds 7000 bytes/);
    await expect(store.channel.publish('Grants; DROP TABLE x', '')).rejects.toThrow(/topic/);
    expect(() => store.channel.subscribe('"quoted"', () => {})).toThrow(/topic/);
    await store.channel.publish('grants', 'x'.repeat(7000));
  });
});

describe('Store channel between PostgreSQL stores', () => {
  const postgres = STORE_KINDS.find((k) => k.kind === 'postgres')!;

  it('a message published through one store reaches a second store’s subscriber', async () => {
    const { store, openAnother } = await postgres.fresh();
    const other = await openAnother();
    const received: string[] = [];
    other.channel.subscribe('list_changed', (payload) => received.push(payload));
    await heard(store, 'list_changed', '{"subject":"alice"}', received);
  });

  it('externalChanges moves on store B after a write through store A, and not for B’s own writes', async () => {
    const { store: a, openAnother } = await postgres.fresh();
    const b = await openAnother();
    const before = b.externalChanges();
    await b.toolGrants.replaceForClient('alice', 'client', [{ connectorId: 'github', tools: ['x'] }], 1);
    await b.oidc.upsert('Session', 'not-cached', {}, 60);
    await new Promise((done) => setTimeout(done, 300));
    expect(b.externalChanges()).toBe(before);
    const cases: [string, () => Promise<unknown>][] = [
      ['tool grants', () => a.toolGrants.deleteForClient('alice', 'client')],
      ['a Grant', () => a.oidc.upsert('Grant', 'g1', { accountId: 'alice' }, 60)],
      ['a revoked Grant', () => a.oidc.destroy('Grant', 'g1')],
      ['a connection', () => a.connections.save({ accountId: 'alice', connectorId: 'github', method: 'api_key', secret: 's', scopes: [], expiresAt: undefined, connectedAt: 1 })],
      ['a directory user', () => a.directory.upsertUser({ id: 'u', email: 'u@x', name: 'U', department: 'D', passwordHash: 'h' })],
      ['an approval', () => a.approvals.save('alice', 'client', 'g1', 1)],
    ];
    for (const [what, write] of cases) {
      const seen = b.externalChanges();
      await write();
      await vi.waitFor(() => expect(b.externalChanges(), what).toBeGreaterThan(seen), { timeout: 3000, interval: 20 });
    }
  });
});

describe('Store channel after the listening connection drops (PostgreSQL)', () => {
  it('reconnects, listens again, and moves externalChanges (notifications may have been missed)', async () => {
    const { store, openAnother, location } = await STORE_KINDS[1]!.fresh();
    const other = await openAnother({ instanceId: 'replica-b' });
    const received: string[] = [];
    other.channel.subscribe('list_changed', (payload) => received.push(payload));
    await heard(store, 'list_changed', 'before', received);
    const before = other.externalChanges();
    const admin = new pg.Client({ connectionString: location });
    await admin.connect();
    const { rows } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gangway-replica-b-listen'");
    await admin.end();
    expect(rows).toHaveLength(1);
    await vi.waitFor(() => expect(other.externalChanges()).toBeGreaterThan(before), { timeout: 5000, interval: 50 });
    await heard(store, 'list_changed', 'after', received);
  });
});

describe('Store channel on SQLite', () => {
  it('never runs a listener on the publisher’s stack', async () => {
    const { store } = await STORE_KINDS[0]!.fresh();
    const received: string[] = [];
    store.channel.subscribe('grants', (payload) => received.push(payload));
    await store.channel.publish('grants', 'now');
    expect(received).toEqual([]);
    await new Promise((done) => setImmediate(done));
    expect(received).toEqual(['now']);
  });
});

describe('externalChanges on SQLite', () => {
  it('moves on store B after a write through store A on the same file', async () => {
    const { store: a, openAnother } = await STORE_KINDS[0]!.fresh();
    const b = await openAnother();
    const before = b.externalChanges();
    await a.toolGrants.replaceForClient('alice', 'client', [{ connectorId: 'github', tools: '*' }], 1);
    expect(b.externalChanges()).not.toBe(before);
  });
});
