/**
 * Cluster-wide limits on PostgreSQL (issue 14), same semantics as sqlite/tables/limits.ts; `perMs`
 * is tokens per millisecond.
 *
 * - takeToken is ONE statement (the tool-call hot path pays one round trip): an upsert whose
 *   DO UPDATE only happens when the refilled bucket holds a token. PostgreSQL runs concurrent
 *   upserts of one key one after the other on the row's latest version (also when two replicas
 *   insert a new key at once), so exactly `capacity` of a burst get through. A refused take
 *   writes nothing; its wait is read from the statement's snapshot — advice, not a decision.
 * - hitWindow is one atomic upsert.
 * - Both commit without waiting for the WAL flush (RELAXED below).
 * - recordFailure must call `lockFor` between reading the count and writing the lock, so it is a
 *   transaction: the upsert that counts the failure locks the row until the lock is written.
 */
import type { FailureEntry, LimitStore } from '../../store.ts';
import { inTransaction, type Pool } from '../pgTypes.ts';

interface FailureRow {
  count: number;
  locked_until: number;
  last_failure_at: number;
}

/**
 * A counter needs atomicity, not durability: losing the last moment's counts when the database
 * server crashes is harmless, while waiting for the WAL flush doubled a take's cost on a durable
 * server (measured ~600 → ~400 µs over loopback). So these statements commit asynchronously — the
 * setting is local to the statement's own transaction, nothing else on the connection changes.
 */
const RELAXED = "SELECT set_config('synchronous_commit', 'off', true)";

/** The bucket's tokens at $4 (now), refilled from its last write; a clock behind refills nothing. */
const REFILLED = 'LEAST($2::float8, b.tokens + GREATEST(0, $4::bigint - b.updated_at) * $3::float8)';

const TAKE_TOKEN = `
  WITH relaxed AS (${RELAXED}),
  taken AS (
    INSERT INTO limit_buckets AS b (key, tokens, updated_at, full_at)
    SELECT $1, $2::float8 - 1, $4::bigint, $4::bigint + CEIL(1 / $3::float8) FROM relaxed
    ON CONFLICT (key) DO UPDATE SET
      tokens = ${REFILLED} - 1,
      updated_at = GREATEST(b.updated_at, $4::bigint),
      full_at = GREATEST(b.updated_at, $4::bigint) + CEIL(($2::float8 - ${REFILLED} + 1) / $3::float8)
    WHERE ${REFILLED} >= 1
    RETURNING 0::float8 AS wait
  )
  SELECT wait FROM taken
  UNION ALL
  SELECT GREATEST(1, CEIL((1 - ${REFILLED}) / $3::float8)) FROM limit_buckets AS b
  WHERE b.key = $1 AND NOT EXISTS (SELECT 1 FROM taken)`;

const HIT_WINDOW = `
  WITH relaxed AS (${RELAXED})
  INSERT INTO limit_windows AS w (key, started_at, count) SELECT $1, $2::bigint, 1 FROM relaxed
  ON CONFLICT (key) DO UPDATE SET
    started_at = CASE WHEN $2 - w.started_at >= $3 THEN $2 ELSE w.started_at END,
    count = CASE WHEN $2 - w.started_at >= $3 THEN 1 ELSE w.count + 1 END
  RETURNING count, started_at`;

const COUNT_FAILURE = `
  INSERT INTO limit_failures AS f (key, count, locked_until, last_failure_at) VALUES ($1, 1, 0, $2)
  ON CONFLICT (key) DO UPDATE SET count = f.count + 1, last_failure_at = $2
  RETURNING count, locked_until`;

export function postgresLimits(pool: Pool): LimitStore {
  return {
    async takeToken(key, capacity, perMs, nowMs) {
      const row = (await pool.query<{ wait: number }>(TAKE_TOKEN, [key, capacity, perMs, nowMs])).rows[0];
      // No row: another replica created the key after this statement's snapshot and took its last token.
      return row ? Number(row.wait) : Math.max(1, Math.ceil(1 / perMs));
    },
    async hitWindow(key, windowMs, nowMs) {
      const row = (await pool.query<{ count: number; started_at: number }>(HIT_WINDOW, [key, nowMs, windowMs])).rows[0]!;
      return { count: Number(row.count), startedAt: Number(row.started_at) };
    },
    async failures(key) {
      const row = (await pool.query<FailureRow>('SELECT count, locked_until, last_failure_at FROM limit_failures WHERE key = $1', [key])).rows[0];
      return row && { count: Number(row.count), lockedUntil: Number(row.locked_until), lastFailureAt: Number(row.last_failure_at) };
    },
    async recordFailure(key, nowMs, lockFor): Promise<FailureEntry> {
      return inTransaction(pool, async (client) => {
        const row = (await client.query<{ count: number; locked_until: number }>(COUNT_FAILURE, [key, nowMs])).rows[0]!;
        const count = Number(row.count);
        const lockMs = lockFor(count);
        const lockedUntil = Math.max(Number(row.locked_until), lockMs > 0 ? nowMs + lockMs : 0);
        if (lockedUntil !== Number(row.locked_until)) {
          await client.query('UPDATE limit_failures SET locked_until = $2 WHERE key = $1', [key, lockedUntil]);
        }
        return { count, lockedUntil, lastFailureAt: nowMs };
      });
    },
    async clearFailures(key) {
      await pool.query('DELETE FROM limit_failures WHERE key = $1', [key]);
    },
    async sweep(nowMs, forgetAfterMs) {
      const counts = await Promise.all([
        pool.query('DELETE FROM limit_buckets WHERE full_at <= $1', [nowMs]),
        pool.query('DELETE FROM limit_windows WHERE started_at <= $1', [nowMs - forgetAfterMs]),
        pool.query('DELETE FROM limit_failures WHERE locked_until <= $1 AND last_failure_at <= $2', [nowMs, nowMs - forgetAfterMs]),
      ]);
      return counts.reduce((sum, result) => sum + (result.rowCount ?? 0), 0);
    },
  };
}
