/**
 * Issue 12 #3: the upstream tool-list cache serves a stale list at once while one background refresh
 * replaces it, keeps it when the refresh fails, lets invalidation win over a refresh under way, and
 * answers `peek` without loading. The clock is the `now` option; nothing sleeps. The memory bounds
 * of issue 11 are pinned in boundedMemory.test.ts.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { createToolListCache, type ToolListCacheOptions } from '../../gateway/tools/toolListCache.ts';

const list = (name: string): Tool[] => [{ name, inputSchema: { type: 'object' } }];
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A load whose answers the test hands out one by one; `calls` counts how often the cache asked. */
function scriptedLoad() {
  const waiting: { resolve(tools: Tool[]): void; reject(error: unknown): void }[] = [];
  const load = {
    calls: 0,
    fn: () => {
      load.calls++;
      return new Promise<Tool[]>((resolve, reject) => waiting.push({ resolve, reject }));
    },
    answer: async (tools: Tool[]) => {
      waiting.shift()!.resolve(tools);
      await flush();
    },
    fail: async (error: Error) => {
      waiting.shift()!.reject(error);
      await flush();
    },
  };
  return load;
}

function cacheAt(options: Partial<ToolListCacheOptions> = {}) {
  const clock = { time: 0 };
  const refreshErrors: unknown[] = [];
  const cache = createToolListCache({ ttlMs: 1000, now: () => clock.time, onRefreshError: (error) => refreshErrors.push(error), ...options });
  return { cache, clock, refreshErrors };
}

/** A cache holding the list 'v1' for ('u', 'c'), loaded at time 0 through `load`. */
async function primedAt(options: Partial<ToolListCacheOptions> = {}) {
  const setup = cacheAt(options);
  const load = scriptedLoad();
  const first = setup.cache.get('u', 'c', load.fn);
  await load.answer(list('v1'));
  return { ...setup, load, v1: await first };
}

/** A settled promise's value, or 'pending' — proves an answer came without waiting for a load. */
async function settledValue<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, flush().then(() => 'pending' as const)]);
}

describe('The tool-list cache: stale-while-revalidate', () => {
  it('serves a stale list at once and refreshes it once in the background, however many read meanwhile', async () => {
    const { cache, clock, load, v1 } = await primedAt();

    clock.time = 1500;
    const readers = [cache.get('u', 'c', load.fn), cache.get('u', 'c', load.fn), cache.get('u', 'c', load.fn)];
    for (const reader of readers) expect(await settledValue(reader)).toBe(v1);
    expect(load.calls).toBe(2);

    await load.answer(list('v2'));
    const v2 = await cache.get('u', 'c', load.fn);
    expect(v2).toEqual(list('v2'));
    expect(cache.peek('u', 'c')).toBe(v2);
    // The refreshed list is fresh again: no load until its own TTL runs out.
    clock.time = 2400;
    await cache.get('u', 'c', load.fn);
    expect(load.calls).toBe(2);
  });

  it('loads afresh, and makes the caller wait, once a list is older than staleMs', async () => {
    const { cache, clock, load } = await primedAt({ staleMs: 5000 });

    clock.time = 5000;
    const late = cache.get('u', 'c', load.fn);
    expect(await settledValue(late)).toBe('pending');
    expect(cache.peek('u', 'c')).toBeUndefined();
    await load.answer(list('v2'));
    expect(await late).toEqual(list('v2'));
  });

  it('keeps the stale list when the refresh fails, reports it, and tries again on a later read — one refresh at a time', async () => {
    const { cache, clock, refreshErrors, load, v1 } = await primedAt();

    clock.time = 1500;
    expect(await cache.get('u', 'c', load.fn)).toBe(v1);
    await load.fail(new Error('upstream down'));
    expect(refreshErrors).toEqual([new Error('upstream down')]);
    expect(cache.peek('u', 'c')).toBe(v1);
    expect(cache.size).toBe(1);

    expect(await cache.get('u', 'c', load.fn)).toBe(v1);
    expect(await cache.get('u', 'c', load.fn)).toBe(v1);
    expect(load.calls).toBe(3);
    await load.answer(list('v2'));
    expect(await cache.get('u', 'c', load.fn)).toEqual(list('v2'));
  });

  it('does not serve stale lists when staleMs is not above the TTL', async () => {
    const { cache, clock, load } = await primedAt({ staleMs: 1000 });
    clock.time = 1000;
    expect(await settledValue(cache.get('u', 'c', load.fn))).toBe('pending');
  });
});

describe('The tool-list cache: invalidation wins over a refresh under way', () => {
  for (const [what, invalidate] of [
    ['one connector', (cache: ReturnType<typeof createToolListCache>) => cache.invalidate('u', 'c')],
    ['all of a user’s connectors', (cache: ReturnType<typeof createToolListCache>) => cache.invalidate('u')],
  ] as const) {
    it(`drops what a refresh started before invalidating ${what} brings back`, async () => {
      const { cache, clock, load } = await primedAt();

      clock.time = 1500;
      await cache.get('u', 'c', load.fn);
      expect(load.calls).toBe(2);
      invalidate(cache);
      await load.answer(list('v1, listed again late'));
      expect(cache.size).toBe(0);
      expect(cache.peek('u', 'c')).toBeUndefined();

      const next = cache.get('u', 'c', load.fn);
      expect(load.calls).toBe(3);
      await load.answer(list('after'));
      expect(await next).toEqual(list('after'));
    });
  }

  it('drops what a first load started before the invalidation brings back (its own callers still get it)', async () => {
    const { cache } = cacheAt();
    const load = scriptedLoad();
    const first = cache.get('u', 'c', load.fn);
    cache.invalidate('u');
    await load.answer(list('old'));
    expect(await first).toEqual(list('old'));
    expect(cache.peek('u', 'c')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps a list set() while a refresh was under way, not the refresh’s older answer', async () => {
    const { cache, clock, load } = await primedAt();

    clock.time = 1500;
    await cache.get('u', 'c', load.fn);
    cache.set('u', 'c', list('from list_changed'));
    await load.answer(list('refresh'));
    expect(cache.peek('u', 'c')).toEqual(list('from list_changed'));
  });
});

describe('The tool-list cache: peek and set', () => {
  it('peek answers synchronously without loading: nothing before a load completes, the very list after, nothing once too old', async () => {
    const { cache, clock } = cacheAt({ staleMs: 3000 });
    const load = scriptedLoad();
    expect(cache.peek('u', 'c')).toBeUndefined();
    const first = cache.get('u', 'c', load.fn);
    expect(cache.peek('u', 'c')).toBeUndefined();
    await load.answer(list('v1'));
    const v1 = await first;
    expect(cache.peek('u', 'c')).toBe(v1);
    clock.time = 2999;
    expect(cache.peek('u', 'c')).toBe(v1);
    clock.time = 3000;
    expect(cache.peek('u', 'c')).toBeUndefined();
    expect(load.calls).toBe(1);
  });

  it('set stores a list that get and peek then return as is, without loading', async () => {
    const { cache } = cacheAt();
    const load = scriptedLoad();
    const tools = list('pushed');
    cache.set('u', 'c', tools);
    expect(cache.peek('u', 'c')).toBe(tools);
    expect(await cache.get('u', 'c', load.fn)).toBe(tools);
    expect(load.calls).toBe(0);
    expect(cache.size).toBe(1);
  });

  it('hands every reader the one stored list, never a copy', async () => {
    const { cache } = cacheAt();
    const tools = list('once');
    const first = await cache.get('u', 'c', async () => tools);
    expect(first).toBe(tools);
    expect(await cache.get('u', 'c', async () => list('other'))).toBe(tools);
  });
});

describe('The tool-list cache: memory bounds with stale serving', () => {
  it('keeps stale lists until staleMs, then sweeps them as new ones arrive', async () => {
    const { cache, clock } = cacheAt({ staleMs: 5000 });
    for (let user = 0; user < 100; user++) await cache.get(`usr_${user}`, 'github', async () => list('t'));
    clock.time = 2000;
    await cache.get('usr_new', 'github', async () => list('t'));
    expect(cache.size).toBe(101);
    clock.time = 7000;
    await cache.get('usr_newer', 'github', async () => list('t'));
    expect(cache.size).toBe(1);
  });

  it('never holds more than maxEntries, whether lists are loaded, refreshed or set', async () => {
    const { cache, clock } = cacheAt({ maxEntries: 50 });
    for (let user = 0; user < 200; user++) await cache.get(`usr_${user}`, 'c', async () => list('t'));
    for (let user = 0; user < 200; user++) cache.set(`other_${user}`, 'c', list('t'));
    clock.time = 1500;
    for (let user = 150; user < 200; user++) await cache.get(`other_${user}`, 'c', async () => list('t2'));
    await flush();
    expect(cache.size).toBe(50);
  });
});
