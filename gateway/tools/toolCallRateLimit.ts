/**
 * SEC-05: tool calls are rate-limited per user — a token bucket refilled at the configured rate,
 * holding a tenth of a minute's allowance as burst. A call over the limit is a tool error that says
 * when to retry; it never reaches an upstream. The table of buckets is bounded.
 */
export interface RateLimiter {
  /** Takes one call; returns 0 when allowed, else the seconds until one is. */
  take(key: string): number;
}

const MAX_BUCKETS = 50_000;

export function createToolCallRateLimit(callsPerMinute: number, now: () => number = Date.now): RateLimiter {
  const capacity = Math.max(1, Math.ceil(callsPerMinute / 10));
  const perMs = callsPerMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: time };
      bucket.tokens = Math.min(capacity, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > MAX_BUCKETS) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / perMs / 1000);
    },
  };
}
