/**
 * Upstream tool lists cached per (user, connector) for `GANGWAY_TOOL_LIST_CACHE_SECONDS` (issue 4).
 * Bounded (issue 11 #9): an entry used to stay until the same user listed again, so every user who
 * ever listed tools kept their lists — and the promise holding them — for the life of the process.
 * Now expired entries are dropped when met and swept as new ones arrive, and beyond `maxEntries`
 * the oldest goes first.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

const MAX_TOOL_LISTS = 5000;

export interface ToolListCache {
  /** The cached list, or a fresh one from `load` (shared by concurrent callers, forgotten if it fails). */
  get(accountId: string, connectorId: string, load: () => Promise<Tool[]>): Promise<Tool[]>;
  /** Forget one user's lists (all connectors, or one). */
  invalidate(accountId: string, connectorId?: string): void;
  readonly size: number;
}

export function createToolListCache(ttlMs: number, maxEntries = MAX_TOOL_LISTS, now: () => number = Date.now): ToolListCache {
  const entries = new Map<string, { tools: Promise<Tool[]>; at: number }>();
  const keyOf = (accountId: string, connectorId: string) => `${accountId}\n${connectorId}`;
  let lastSweep = 0;

  const sweep = (time: number) => {
    // At most once per TTL: the walk is O(n), the map insertion-ordered so the oldest come first.
    if (time - lastSweep < ttlMs) return;
    lastSweep = time;
    for (const [key, entry] of entries) {
      if (time - entry.at < ttlMs) break;
      entries.delete(key);
    }
  };

  return {
    get(accountId, connectorId, load) {
      const key = keyOf(accountId, connectorId);
      const time = now();
      const hit = entries.get(key);
      if (hit && time - hit.at < ttlMs) return hit.tools;
      entries.delete(key);
      const tools = load();
      entries.set(key, { tools, at: time });
      tools.catch(() => {
        if (entries.get(key)?.tools === tools) entries.delete(key);
      });
      sweep(time);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return tools;
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
