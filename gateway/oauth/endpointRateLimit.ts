/**
 * Fixed-window request counters per key (a client IP), for the OAuth endpoints' limits (issue 11:
 * registration, token and authorization were unlimited). Bounded: when the table is full, windows
 * that have ended are dropped first, then the oldest — forgetting a counter only grants that key a
 * fresh window, it never blocks anyone.
 */
export interface WindowLimiter {
  /** Counts one request; returns 0 when allowed, else the seconds until the key's window ends. */
  take(key: string): number;
}

const MAX_KEYS = 50_000;

export function createWindowLimiter(limit: number, windowMs: number, now: () => number = Date.now, maxKeys = MAX_KEYS): WindowLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  const prune = (at: number) => {
    for (const [key, window] of windows) if (at - window.startedAt >= windowMs) windows.delete(key);
    while (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
  };
  return {
    take(key) {
      const at = now();
      let window = windows.get(key);
      if (!window || at - window.startedAt >= windowMs) {
        if (!window && windows.size >= maxKeys) prune(at);
        window = { startedAt: at, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= limit) return Math.max(1, Math.ceil((window.startedAt + windowMs - at) / 1000));
      window.count += 1;
      return 0;
    },
  };
}
