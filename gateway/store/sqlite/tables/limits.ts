/**
 * Cluster-wide limits on the embedded store (issue 14): token buckets (SEC-05), fixed windows and
 * failure throttles. Every operation is one IMMEDIATE transaction — it takes SQLite's write lock
 * before reading — so two processes on the same file never both take the last token or both miss
 * each other's failure. `perMs` is tokens per millisecond, as the tool-call limiter computes it.
 *
 * A clock that runs behind another replica's never refills a bucket backwards: elapsed time is
 * counted from the later of the two stamps.
 */
import type Database from 'better-sqlite3';
import type { FailureEntry, LimitStore } from '../../store.ts';

interface BucketRow {
  tokens: number;
  updated_at: number;
}

interface FailureRow {
  count: number;
  locked_until: number;
  last_failure_at: number;
}

const toEntry = (row: FailureRow): FailureEntry => ({
  count: Number(row.count),
  lockedUntil: Number(row.locked_until),
  lastFailureAt: Number(row.last_failure_at),
});

export function sqliteLimits(db: Database.Database): LimitStore {
  const bucket = db.prepare('SELECT tokens, updated_at FROM limit_buckets WHERE key = ?');
  const saveBucket = db.prepare(`
    INSERT INTO limit_buckets (key, tokens, updated_at, full_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at, full_at = excluded.full_at`);
  const hit = db.prepare(`
    INSERT INTO limit_windows (key, started_at, count) VALUES (@key, @now, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN @now - limit_windows.started_at >= @windowMs THEN 1 ELSE limit_windows.count + 1 END,
      started_at = CASE WHEN @now - limit_windows.started_at >= @windowMs THEN @now ELSE limit_windows.started_at END
    RETURNING count, started_at`);
  const failure = db.prepare('SELECT count, locked_until, last_failure_at FROM limit_failures WHERE key = ?');
  const saveFailure = db.prepare(`
    INSERT INTO limit_failures (key, count, locked_until, last_failure_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET count = excluded.count, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`);
  const clearFailure = db.prepare('DELETE FROM limit_failures WHERE key = ?');
  const sweepBuckets = db.prepare('DELETE FROM limit_buckets WHERE full_at <= ?');
  const sweepWindows = db.prepare('DELETE FROM limit_windows WHERE started_at <= ?');
  const sweepFailures = db.prepare('DELETE FROM limit_failures WHERE locked_until <= ? AND last_failure_at <= ?');

  const take = db.transaction((key: string, capacity: number, perMs: number, nowMs: number): number => {
    const row = bucket.get(key) as BucketRow | undefined;
    const at = row ? Math.max(nowMs, Number(row.updated_at)) : nowMs;
    const tokens = row ? Math.min(capacity, row.tokens + (at - Number(row.updated_at)) * perMs) : capacity;
    const left = tokens >= 1 ? tokens - 1 : tokens;
    saveBucket.run(key, left, at, at + Math.ceil((capacity - left) / perMs));
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs);
  });

  const fail = db.transaction((key: string, nowMs: number, lockFor: (count: number) => number): FailureEntry => {
    const row = failure.get(key) as FailureRow | undefined;
    const count = (row ? Number(row.count) : 0) + 1;
    const lock = lockFor(count);
    const lockedUntil = Math.max(row ? Number(row.locked_until) : 0, lock > 0 ? nowMs + lock : 0);
    saveFailure.run(key, count, lockedUntil, nowMs);
    return { count, lockedUntil, lastFailureAt: nowMs };
  });

  const sweep = db.transaction((nowMs: number, forgetAfterMs: number): number => {
    return (
      sweepBuckets.run(nowMs).changes +
      sweepWindows.run(nowMs - forgetAfterMs).changes +
      sweepFailures.run(nowMs, nowMs - forgetAfterMs).changes
    );
  });

  return {
    async takeToken(key, capacity, perMs, nowMs) {
      return take.immediate(key, capacity, perMs, nowMs);
    },
    async hitWindow(key, windowMs, nowMs) {
      const row = hit.get({ key, now: nowMs, windowMs }) as { count: number; started_at: number };
      return { count: Number(row.count), startedAt: Number(row.started_at) };
    },
    async failures(key) {
      const row = failure.get(key) as FailureRow | undefined;
      return row && toEntry(row);
    },
    async recordFailure(key, nowMs, lockFor) {
      return fail.immediate(key, nowMs, lockFor);
    },
    async clearFailures(key) {
      clearFailure.run(key);
    },
    async sweep(nowMs, forgetAfterMs) {
      return sweep.immediate(nowMs, forgetAfterMs);
    },
  };
}
