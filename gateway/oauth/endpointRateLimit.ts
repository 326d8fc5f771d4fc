/**
 * Fixed-window request counters per key (a client IP), for the OAuth endpoints' limits (issue 11:
 * registration, token and authorization were unlimited). The windows live in the store (issue 14),
 * so replicas sharing it count one address together; a count is one atomic store operation.
 *
 * Bounded by the periodic sweep (windows older than the longest window are deleted): a flood from
 * many addresses costs one small row per address per window, and forgetting a counter only grants
 * that key a fresh window, it never blocks anyone.
 */
import type { LimitStore } from '../store/store.ts';

export interface WindowLimiter {
  /** Counts one request; resolves 0 when allowed, else the seconds until the key's window ends. */
  take(key: string): Promise<number>;
}

/** `name` keeps each endpoint's windows apart in the one shared table. */
export function createWindowLimiter(
  limits: LimitStore,
  name: string,
  limit: number,
  windowMs: number,
  now: () => number = Date.now,
): WindowLimiter {
  return {
    async take(key) {
      const at = now();
      const { count, startedAt } = await limits.hitWindow(`${name}\n${key}`, windowMs, at);
      return count <= limit ? 0 : Math.max(1, Math.ceil((startedAt + windowMs - at) / 1000));
    },
  };
}
