/**
 * Upstream tool lists cached per (user, connector) for `GANGWAY_TOOL_LIST_CACHE_SECONDS` (issue 4).
 * Bounded (issue 11 #9): an entry used to stay until the same user listed again, so every user who
 * ever listed tools kept their lists — and the promise holding them — for the life of the process.
 * Now expired entries are dropped when met and swept as new ones arrive, and beyond `maxEntries`
 * the oldest goes first.
 * Stale-while-revalidate (issue 12 #3): a list older than `ttlMs` but younger than `staleMs` is
 * served at once while one background refresh per key replaces it; a failed refresh keeps the old
 * list and the next read tries again. A list is stored once, as loaded, and handed out as is —
 * reads neither copy nor re-validate it, so callers must not mutate it.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

const MAX_TOOL_LISTS = 5000;
/** How much longer than its TTL a list may be served while it is refreshed, unless configured. */
const STALE_FACTOR = 10;

/** `T` is what one upstream lists: tools by default, prompts for the prompt catalogue. */
export interface ToolListCache<T = Tool> {
  /**
   * The cached list, or a fresh one from `load` (shared by concurrent callers, forgotten if it fails).
   * A stale list is returned at once and `load` runs in the background; `load` must settle on its
   * own (carry its deadline), since no second refresh of the key starts while one is in flight.
   */
  get(accountId: string, connectorId: string, load: () => Promise<T[]>): Promise<T[]>;
  /** The list held now (fresh or stale), without loading: undefined when there is none yet. */
  peek(accountId: string, connectorId: string): T[] | undefined;
  /** Store a list that arrived another way (a refresh after `notifications/tools/list_changed`). */
  set(accountId: string, connectorId: string, tools: T[]): void;
  /** Forget one user's lists (all connectors, or one), including what refreshes under way bring back. */
  invalidate(accountId: string, connectorId?: string): void;
  readonly size: number;
}

export interface ToolListCacheOptions {
  readonly ttlMs: number;
  /** Age up to which a list is still served (and refreshed behind the caller); default 10 × `ttlMs`, ≤ `ttlMs` turns it off. */
  readonly staleMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
  /** A background refresh failed; the stale list stays. Nobody awaits a refresh, so this is where it gets logged. */
  readonly onRefreshError?: (error: unknown, accountId: string, connectorId: string) => void;
}

interface Entry<T> {
  /** What `get` hands out: the load under way, or its settled result. */
  readonly tools: Promise<T[]>;
  /** The same list once loaded, for `peek` and for serving stale without waiting. */
  list: T[] | undefined;
  readonly at: number;
  refreshing: boolean;
}

export function createToolListCache<T = Tool>(options: ToolListCacheOptions): ToolListCache<T>;
/** The issue-11 form: lists expire at `ttlMs`, nothing stale is served. */
export function createToolListCache<T = Tool>(ttlMs: number, maxEntries?: number, now?: () => number): ToolListCache<T>;
export function createToolListCache<T = Tool>(optionsOrTtl: ToolListCacheOptions | number, maxEntriesArg?: number, nowArg?: () => number): ToolListCache<T> {
  const options: ToolListCacheOptions = typeof optionsOrTtl === 'number' ? { ttlMs: optionsOrTtl, staleMs: optionsOrTtl, maxEntries: maxEntriesArg, now: nowArg } : optionsOrTtl;
  const { ttlMs, staleMs = STALE_FACTOR * ttlMs, maxEntries = MAX_TOOL_LISTS, now = Date.now, onRefreshError } = options;
  // Insertion order is age order: every write deletes the key first and stamps `at` with the current time.
  const entries = new Map<string, Entry<T>>();
  const keyOf = (accountId: string, connectorId: string) => `${accountId}\n${connectorId}`;
  let lastSweep = 0;

  const sweep = (time: number) => {
    // At most once per TTL: the walk is O(n), the map age-ordered so the oldest come first.
    if (time - lastSweep < ttlMs) return;
    lastSweep = time;
    for (const [key, entry] of entries) {
      if (time - entry.at < staleMs) break;
      entries.delete(key);
    }
  };
  const insert = (key: string, entry: Entry<T>) => {
    entries.delete(key);
    entries.set(key, entry);
    sweep(entry.at);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };

  const refresh = (key: string, stale: Entry<T>, load: () => Promise<T[]>, accountId: string, connectorId: string) => {
    stale.refreshing = true;
    let fresh: Promise<T[]>;
    try {
      fresh = load();
    } catch (error) {
      fresh = Promise.reject(error);
    }
    fresh.then(
      (list) => {
        // The entry object is the key's generation: if invalidate(), set() or a new load replaced
        // it meanwhile, this list predates that and must not come back.
        if (entries.get(key) !== stale) return;
        insert(key, { tools: fresh, list, at: now(), refreshing: false });
      },
      (error: unknown) => {
        stale.refreshing = false;
        onRefreshError?.(error, accountId, connectorId);
      },
    );
  };

  return {
    get(accountId, connectorId, load) {
      const key = keyOf(accountId, connectorId);
      const time = now();
      const hit = entries.get(key);
      if (hit && time - hit.at < ttlMs) return hit.tools;
      if (hit && time - hit.at < staleMs) {
        // Still loading for the first time: share that load rather than start another.
        if (hit.list !== undefined && !hit.refreshing) refresh(key, hit, load, accountId, connectorId);
        return hit.tools;
      }
      const entry: Entry<T> = { tools: load(), list: undefined, at: time, refreshing: false };
      entry.tools.then(
        (list) => {
          entry.list = list;
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      insert(key, entry);
      return entry.tools;
    },
    peek(accountId, connectorId) {
      const entry = entries.get(keyOf(accountId, connectorId));
      return entry && now() - entry.at < staleMs ? entry.list : undefined;
    },
    set(accountId, connectorId, tools) {
      insert(keyOf(accountId, connectorId), { tools: Promise.resolve(tools), list: tools, at: now(), refreshing: false });
    },
    invalidate(accountId, connectorId) {
      if (connectorId) {
        entries.delete(keyOf(accountId, connectorId));
        return;
      }
      for (const key of [...entries.keys()]) if (key.startsWith(`${accountId}\n`)) entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
