/**
 * SEC-05: tool calls are rate-limited per user — a token bucket refilled at the configured rate,
 * holding a tenth of a minute's allowance as burst. A call over the limit is a tool error that says
 * when to retry; it never reaches an upstream.
 *
 * The bucket lives in the store (issue 14), so replicas sharing it count one user's calls together;
 * a take is one atomic store operation — the only store round trip a tool call pays for its limit.
 * Buckets full again are deleted by the periodic sweep; keys are signed-in users, so a flood of
 * junk keys cannot reach this table.
 */
import type { LimitStore } from '../store/store.ts';

export interface RateLimiter {
  /** Takes one call; resolves 0 when allowed, else the seconds until one is. */
  take(key: string): Promise<number>;
}

export function createToolCallRateLimit(limits: LimitStore, callsPerMinute: number, now: () => number = Date.now): RateLimiter {
  const capacity = Math.max(1, Math.ceil(callsPerMinute / 10));
  const perMs = callsPerMinute / 60_000;
  return {
    async take(key) {
      const waitMs = await limits.takeToken(`tools/call\n${key}`, capacity, perMs, now());
      return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
    },
  };
}
