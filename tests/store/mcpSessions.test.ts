/**
 * Store contract, MCP sessions and their SSE event log (issue 14, TRANSPORT-08/09), on SQLite and
 * PostgreSQL alike: any replica finds a session another created; the cap per subject holds even
 * when sessions are opened at once; the event log trims as the in-memory log did and numbers
 * events in commit order.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { EVENT_LOCK_SPACE } from '../../gateway/store/postgres/tables/mcpEvents.ts';
import type { McpSessionRecord } from '../../gateway/store/store.ts';
import { cite } from '../support/requirements.ts';
import { STORE_KINDS } from './storeUnderTest.ts';

const session = (id: string, subject: string, createdAt: number, clientId = 'client-a'): McpSessionRecord => ({
  id,
  subject,
  clientId,
  resource: 'http://127.0.0.1:4000/mcp',
  protocolVersion: '2025-11-25',
  initialize: JSON.stringify({ capabilities: {}, clientInfo: { name: 't', version: '1' } }),
  state: '{}',
  createdAt,
  lastSeenAt: createdAt,
});

describe.each(STORE_KINDS)('MCP sessions on $kind', (kind) => {
  it(`${cite('TRANSPORT-09')} a session created through one store is found, updated and deleted through another`, async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    expect(await store.mcpSessions.create(session('s1', 'alice', 1000), 8)).toEqual([]);
    expect(await other.mcpSessions.find('s1')).toEqual(session('s1', 'alice', 1000));
    await other.mcpSessions.setState('s1', '{"logLevel":"debug"}');
    await other.mcpSessions.touch('s1', 5000);
    await store.mcpSessions.touch('s1', 4000); // an older touch never moves last-seen back
    expect(await store.mcpSessions.find('s1')).toMatchObject({ state: '{"logLevel":"debug"}', lastSeenAt: 5000 });
    await store.mcpEvents.append('s1', 'stream', '{}');
    expect(await other.mcpSessions.delete('s1')).toBe(true);
    expect(await other.mcpSessions.delete('s1')).toBe(false);
    expect(await store.mcpSessions.find('s1')).toBeUndefined();
    expect(await store.mcpEvents.after('s1', 'stream', 0)).toEqual([]);
  });

  it('evicts the subject’s oldest beyond the cap, never the new one, and only that subject’s', async () => {
    const { store } = await kind.fresh();
    await store.mcpSessions.create(session('b1', 'bob', 1), 2);
    await store.mcpSessions.create(session('a1', 'alice', 10), 2);
    await store.mcpSessions.create(session('a2', 'alice', 20), 2);
    await store.mcpEvents.append('a1', 'x', '{"old":true}');
    expect(await store.mcpSessions.create(session('a3', 'alice', 30), 2)).toEqual(['a1']);
    expect(await store.mcpEvents.after('a1', 'x', 0)).toEqual([]);
    // Even a session with an older clock than the others stays: it is the one being opened.
    expect(await store.mcpSessions.create(session('a0', 'alice', 5), 2)).toEqual(['a2']);
    expect((await store.mcpSessions.find('b1'))?.subject).toBe('bob');
  });

  it('two stores opening sessions for one subject at once never leave it over the cap', async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    const evicted = (
      await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? store : other).mcpSessions.create(session(`c${i}`, 'carol', 100 + i), 3)))
    ).flat();
    const left = [];
    for (let i = 0; i < 12; i += 1) if (await store.mcpSessions.find(`c${i}`)) left.push(i);
    expect(left).toHaveLength(3);
    expect(new Set(evicted).size).toBe(evicted.length); // each eviction reported once
    expect(evicted).toHaveLength(9);
  });

  it('deletes a client’s sessions (revoked) and idle sessions, with their events, returning their ids', async () => {
    const { store } = await kind.fresh();
    await store.mcpSessions.create(session('d1', 'dave', 1, 'client-a'), 8);
    await store.mcpSessions.create(session('d2', 'dave', 2, 'client-b'), 8);
    await store.mcpSessions.create(session('d3', 'dave', 3, 'client-a'), 8);
    await store.mcpSessions.create(session('e1', 'erin', 4, 'client-a'), 8);
    await store.mcpEvents.append('d1', 's', '{}');
    expect((await store.mcpSessions.deleteForClient('dave', 'client-a')).sort()).toEqual(['d1', 'd3']);
    expect(await store.mcpEvents.streamOf('d1', 1)).toBeUndefined();
    await store.mcpSessions.touch('e1', 50);
    expect(await store.mcpSessions.deleteIdle(10)).toEqual(['d2']);
    expect(await store.mcpSessions.find('e1')).toBeDefined();
  });
});

describe.each(STORE_KINDS)('MCP event log on $kind', (kind) => {
  it(`${cite('TRANSPORT-08')} replays a stream after an event id, through another store, and tells an event's stream`, async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    const first = await store.mcpEvents.append('s', 'get', '{"n":1}');
    const post = await other.mcpEvents.append('s', 'post-1', '{"n":2}');
    const third = await other.mcpEvents.append('s', 'get', '{"n":3}');
    await store.mcpEvents.append('elsewhere', 'get', '{"n":4}');
    expect(first).toBeLessThan(post);
    expect(post).toBeLessThan(third);
    expect(await store.mcpEvents.streamOf('s', post)).toBe('post-1');
    expect(await store.mcpEvents.streamOf('elsewhere', post)).toBeUndefined();
    expect(await other.mcpEvents.after('s', 'get', first)).toEqual([{ seq: third, json: '{"n":3}' }]);
  });

  it('concurrent appends to one session from two stores get distinct increasing numbers, all replayable', async () => {
    const { store, openAnother } = await kind.fresh();
    const other = await openAnother();
    const seqs = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? store : other).mcpEvents.append('s', 'get', JSON.stringify({ i }))));
    expect(new Set(seqs).size).toBe(40);
    const replay = await store.mcpEvents.after('s', 'get', 0);
    expect(replay.map((e) => e.seq)).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('trims to the newest events by count and by size, always keeping the newest', async () => {
    const { store } = await kind.fresh();
    const seqs = [];
    for (let i = 0; i < 6; i += 1) seqs.push(await store.mcpEvents.append('s', 'get', 'x'.repeat(10)));
    await store.mcpEvents.append('other', 'get', 'y');
    await store.mcpEvents.trim('s', 4, 1000);
    expect((await store.mcpEvents.after('s', 'get', 0)).map((e) => e.seq)).toEqual(seqs.slice(2));
    await store.mcpEvents.trim('s', 10, 25); // 2 × 10 chars fit in 25, 3 do not
    expect((await store.mcpEvents.after('s', 'get', 0)).map((e) => e.seq)).toEqual(seqs.slice(4));
    await store.mcpEvents.trim('s', 10, 1); // over budget alone, the newest stays
    expect((await store.mcpEvents.after('s', 'get', 0)).map((e) => e.seq)).toEqual(seqs.slice(5));
    expect(await store.mcpEvents.after('other', 'get', 0)).toHaveLength(1);
  });
});

describe('MCP event log on PostgreSQL: numbers in commit order', () => {
  it(`${cite('TRANSPORT-08')} an append waits while another append to the same session is uncommitted; other sessions do not`, async () => {
    const { store, location } = await STORE_KINDS[1]!.fresh();
    const inFlight = new pg.Client({ connectionString: location });
    await inFlight.connect();
    try {
      // What an append on another replica holds until it commits.
      await inFlight.query('BEGIN');
      await inFlight.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [EVENT_LOCK_SPACE, 'busy']);
      let done = false;
      const waiting = store.mcpEvents.append('busy', 'get', '{}').then((seq) => ((done = true), seq));
      expect(await store.mcpEvents.append('quiet', 'get', '{}')).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      await inFlight.query('COMMIT');
      expect(await waiting).toBeGreaterThan(0);
    } finally {
      await inFlight.end();
    }
  });
});
