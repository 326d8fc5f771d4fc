/**
 * Failure counters with back-off locks, one per key (an IP, an account, an (account, IP) pair).
 * After `freeAttempts` failures a key is locked for `baseLockMs`, doubling on every further failure
 * up to `maxLockMs`; a key idle for `forgetAfterMs` with no live lock is forgotten.
 *
 * The counters live in the store (issue 14), so a lock earned through one replica holds on every
 * replica sharing it, and a failure is one atomic read-modify-write there. A live lock is never
 * forgotten (issue 11: flooding junk e-mails used to evict locks from a bounded table): the table's
 * bound is the periodic sweep, which deletes only unlocked keys idle for `forgetAfterMs`.
 */
import type { LimitStore } from '../store/store.ts';

export interface ThrottleRule {
  readonly freeAttempts: number;
  readonly baseLockMs: number;
  readonly maxLockMs: number;
  readonly forgetAfterMs: number;
}

export interface FailureThrottle {
  /** Milliseconds until `key` may try again; 0 when it is not locked. */
  lockedFor(key: string): Promise<number>;
  fail(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

/** `name` keeps each throttle's keys apart in the one shared table. */
export function createFailureThrottle(limits: LimitStore, name: string, rule: ThrottleRule, now: () => number): FailureThrottle {
  const keyOf = (key: string) => `${name}\n${key}`;
  const lockFor = (count: number) =>
    count < rule.freeAttempts ? 0 : Math.min(rule.maxLockMs, rule.baseLockMs * 2 ** (count - rule.freeAttempts));

  return {
    async lockedFor(key) {
      const entry = await limits.failures(keyOf(key));
      if (!entry) return 0;
      const at = now();
      // Forgotten before the sweep came by: the next failure counts from one again.
      if (entry.lockedUntil <= at && at - entry.lastFailureAt >= rule.forgetAfterMs) {
        await limits.clearFailures(keyOf(key));
        return 0;
      }
      return Math.max(0, entry.lockedUntil - at);
    },
    async fail(key) {
      await limits.recordFailure(keyOf(key), now(), lockFor);
    },
    async clear(key) {
      await limits.clearFailures(keyOf(key));
    },
  };
}
