/**
 * Issue 11 #9: the structures that held memory per session and per user under sustained load are
 * bounded — the SSE replay log of each MCP session (by count and by bytes, as JSON text), the
 * upstream tool-list cache (expired entries swept, a ceiling on entries), and the session registry
 * (per user, idle sessions closed). `npm run bench` (tests/bench/sustainedLoad.ts) measures the
 * gateway's RSS under load; these tests pin the bounds without timing anything.
 */
import type { JSONRPCMessage, Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundHeapGrowth } from '../../gateway/runtime/heapGrowth.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_EVENT_BYTES_PER_SESSION, MAX_EVENTS_PER_SESSION, SessionEventLog, TRIM_EVERY } from '../../gateway/mcp/sessionEventLog.ts';
import { openSqliteStore } from '../../gateway/store/sqlite/openSqliteStore.ts';
import type { GatewayStore, McpEventStore } from '../../gateway/store/store.ts';
import { createToolListCache } from '../../gateway/tools/toolListCache.ts';
import { connectClient } from '../support/oauthDriver.ts';
import { openSession } from '../support/mcpRequests.ts';
import { cite } from '../support/requirements.ts';
import { startTestGateway, type TestGateway } from '../support/testGateway.ts';

/** A tool result of about `size` characters, like an upstream's answer. */
const result = (id: number, size: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: 'r'.repeat(size) }] } });

describe('The SSE replay log of a session (TRANSPORT-08), kept in the store (issue 14)', () => {
  let dir: string;
  let store: GatewayStore;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gangway-eventlog-'));
    store = openSqliteStore(dir);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  /** What the store holds of one session's stream, oldest first. */
  const held = async (session: string, stream: string) => store.mcpEvents.after(session, stream, 0);
  const chars = (events: readonly { json: string }[]) => events.reduce((sum, event) => sum + event.json.length, 0);

  it(`${cite('TRANSPORT-08')} holds at most ${MAX_EVENT_BYTES_PER_SESSION / 1024} KiB however many and however large the results`, async () => {
    const log = new SessionEventLog(store.mcpEvents, 'big');
    for (let i = 0; i < 2000; i++) await log.storeEvent('s', result(i, 10_000));
    const events = await held('big', 's');
    expect(chars(events)).toBeLessThanOrEqual(MAX_EVENT_BYTES_PER_SESSION);
    expect(events.length).toBeLessThanOrEqual(Math.ceil(MAX_EVENT_BYTES_PER_SESSION / 10_000));
    expect(events.length).toBeGreaterThan(0);
  });

  it(`${cite('TRANSPORT-08')} holds at most ${MAX_EVENTS_PER_SESSION} small events (plus at most ${TRIM_EVERY} between two trims)`, async () => {
    const log = new SessionEventLog(store.mcpEvents, 'small');
    for (let i = 0; i < 5000; i++) await log.storeEvent('s', result(i, 10));
    const events = await held('small', 's');
    expect(events.length).toBeGreaterThanOrEqual(MAX_EVENTS_PER_SESSION);
    expect(events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_SESSION + TRIM_EVERY);
  });

  it(`${cite('TRANSPORT-08')} keeps the newest event even when it alone is over the budget, and still replays what it kept`, async () => {
    const log = new SessionEventLog(store.mcpEvents, 'newest', { maxBytes: 1000 });
    const priming = await log.storeEvent('s1', {} as JSONRPCMessage);
    await log.storeEvent('s1', result(1, 10));
    const sent: { id: string; message: JSONRPCMessage }[] = [];
    expect(await log.replayEventsAfter(priming, { send: async (id, message) => void sent.push({ id, message }) })).toBe('s1');
    expect(sent.map((event) => event.message)).toEqual([result(1, 10)]);

    await log.storeEvent('s2', result(2, 5000));
    expect([...(await held('newest', 's1')), ...(await held('newest', 's2'))]).toHaveLength(1);
    await expect(log.replayEventsAfter(priming, { send: async () => undefined })).rejects.toThrow(/unknown event id/);
  });

  it(`${cite('TRANSPORT-08')} an event id of one session names nothing in another, and a junk Last-Event-ID is unknown`, async () => {
    const mine = new SessionEventLog(store.mcpEvents, 'mine');
    const theirs = new SessionEventLog(store.mcpEvents, 'theirs');
    const id = await mine.storeEvent('s', result(1, 10));
    await expect(theirs.replayEventsAfter(id, { send: async () => undefined })).rejects.toThrow(/unknown event id/);
    for (const junk of ['', '0', '-1', '1e3', `${id}x`, '99999999999999999999']) expect(await mine.getStreamIdForEventId(junk)).toBeUndefined();
  });
});

describe('The SSE replay log keeps a stream in order (RELAY-03, issue 14)', () => {
  it(`${cite('RELAY-03', 'TRANSPORT-08')} hands back event ids in the order events were stored, however the store's appends race`, async () => {
    // A store (PostgreSQL over the network) whose appends come back in reverse order of arrival.
    let seq = 0;
    let delay = 60;
    const racing: McpEventStore = {
      append: async () => {
        const mine = ++seq;
        await new Promise((resolve) => setTimeout(resolve, (delay -= 10)));
        return mine;
      },
      streamOf: async () => undefined,
      after: async () => [],
      trim: async () => undefined,
    };
    const log = new SessionEventLog(racing, 'ordered');
    const written: number[] = [];
    // As the SDK's transport does for progress: store, then write what came back, for each event at once.
    await Promise.all([1, 2, 3, 4, 5].map((progress) => log.storeEvent('s', { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress } }).then(() => written.push(progress))));
    expect(written).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('The upstream tool-list cache', () => {
  const tools: Tool[] = [{ name: 't', inputSchema: { type: 'object' } }];

  it('never holds more than its ceiling, however many users list tools', async () => {
    const cache = createToolListCache(60_000, 500);
    for (let user = 0; user < 20_000; user++) await cache.get(`usr_${user}`, 'github', async () => tools);
    expect(cache.size).toBe(500);
  });

  it('drops expired lists as new ones arrive (users who never come back)', async () => {
    let time = 0;
    const cache = createToolListCache(60_000, 10_000, () => time);
    for (let user = 0; user < 1000; user++) await cache.get(`usr_${user}`, 'github', async () => tools);
    expect(cache.size).toBe(1000);
    time += 61_000;
    await cache.get('usr_new', 'github', async () => tools);
    expect(cache.size).toBe(1);
  });

  it('reuses a fresh list, reloads an expired one, and forgets a failed load', async () => {
    let time = 0;
    let loads = 0;
    const cache = createToolListCache(1000, 100, () => time);
    const load = async () => {
      loads++;
      return tools;
    };
    await cache.get('u', 'c', load);
    await cache.get('u', 'c', load);
    expect(loads).toBe(1);
    time += 1000;
    await cache.get('u', 'c', load);
    expect(loads).toBe(2);
    await expect(cache.get('u', 'other', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await Promise.resolve();
    expect(cache.size).toBe(1);
    cache.invalidate('u');
    expect(cache.size).toBe(0);
  });
});

describe('The MCP session registry (TRANSPORT-09)', () => {
  let gw: TestGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway({ logLevel: 'warn' });
    token = String((await connectClient(gw.current.url, gw.current.mcpUrl, gw.current.app.directory[0]!)).tokens.access_token);
  });
  afterAll(async () => gw?.stop());

  it(`${cite('TRANSPORT-09')} keeps at most 64 sessions per user however many a client opens and abandons, and closes idle ones`, async () => {
    for (let i = 0; i < 150; i++) await openSession(gw.current.mcpUrl, token);
    expect(gw.current.app.mcpSessions.size).toBe(64);
    await gw.current.app.mcpSessions.closeIdle(Date.now() + 31 * 60_000);
    expect(gw.current.app.mcpSessions.size).toBe(0);
  });

  it(`${cite('TRANSPORT-09')} takes its per-user cap from GANGWAY_MCP_SESSIONS_PER_USER`, async () => {
    const small = await startTestGateway({ logLevel: 'warn', sessionsPerUser: 3 });
    try {
      const own = String((await connectClient(small.current.url, small.current.mcpUrl, small.current.app.directory[0]!)).tokens.access_token);
      for (let i = 0; i < 5; i++) await openSession(small.current.mcpUrl, own);
      expect(small.current.app.mcpSessions.size).toBe(3);
    } finally {
      await small.stop();
    }
  });
});

describe('The heap growth policy', () => {
  it('is applied unless the deployment chose its own heap policy', () => {
    expect(boundHeapGrowth([], '')).toBe(true);
    expect(boundHeapGrowth(['--max-old-space-size=512'], '')).toBe(false);
    expect(boundHeapGrowth([], '--heap-growing-percent=30 --enable-source-maps')).toBe(false);
  });
});
