/**
 * A bounded table of failure counters with back-off locks, one per key (an IP, an account, an
 * (account, IP) pair). After `freeAttempts` failures a key is locked for `baseLockMs`, doubling on
 * every further failure up to `maxLockMs`; a key idle for `forgetAfterMs` with no live lock is
 * forgotten.
 *
 * The table never forgets a live lock to make room (issue 11: flooding junk e-mails used to evict
 * the oldest entries, locks included). When it is full it drops only forgotten or unlocked entries;
 * if every entry is a live lock, `canTrack` says no and the caller refuses the attempt instead.
 */
export interface ThrottleRule {
  readonly freeAttempts: number;
  readonly baseLockMs: number;
  readonly maxLockMs: number;
  readonly forgetAfterMs: number;
}

interface Entry {
  count: number;
  lockedUntil: number;
  lastFailureAt: number;
}

export interface FailureThrottle {
  /** Milliseconds until `key` may try again; 0 when it is not locked. */
  lockedFor(key: string): number;
  /** Whether a failure of `key` could be recorded (it is tracked already, or there is room). */
  canTrack(key: string): boolean;
  fail(key: string): void;
  clear(key: string): void;
  readonly size: number;
}

export function createFailureThrottle(rule: ThrottleRule, maxEntries: number, now: () => number): FailureThrottle {
  const entries = new Map<string, Entry>();

  const forgotten = (entry: Entry, at: number) => entry.lockedUntil <= at && at - entry.lastFailureAt >= rule.forgetAfterMs;

  /** Drops forgotten entries first, then unlocked ones (oldest first), until there is room. */
  const makeRoom = () => {
    const at = now();
    for (const [key, entry] of entries) if (forgotten(entry, at)) entries.delete(key);
    if (entries.size < maxEntries) return;
    for (const [key, entry] of entries) {
      if (entry.lockedUntil > at) continue;
      entries.delete(key);
      if (entries.size < maxEntries) return;
    }
  };

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && forgotten(entry, now())) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    lockedFor(key) {
      const entry = live(key);
      return entry ? Math.max(0, entry.lockedUntil - now()) : 0;
    },
    canTrack(key) {
      if (live(key) || entries.size < maxEntries) return true;
      makeRoom();
      return entries.size < maxEntries;
    },
    fail(key) {
      const at = now();
      const entry = live(key) ?? { count: 0, lockedUntil: 0, lastFailureAt: at };
      entry.count += 1;
      entry.lastFailureAt = at;
      if (entry.count >= rule.freeAttempts) {
        entry.lockedUntil = at + Math.min(rule.maxLockMs, rule.baseLockMs * 2 ** (entry.count - rule.freeAttempts));
      }
      if (!entries.has(key) && entries.size >= maxEntries) makeRoom();
      if (entries.has(key) || entries.size < maxEntries) entries.set(key, entry);
    },
    clear(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
