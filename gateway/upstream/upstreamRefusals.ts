/**
 * What an upstream MCP request ended in, when that is something the user should be told precisely
 * (UP-05, issue 11 #8): it ran out of time, or the upstream is rate-limiting. The SDK's transport
 * reports both only as a generic failure (an aborted fetch, `StreamableHTTPError(429)` without its
 * Retry-After), so the gateway's fetch for upstream MCP (upstreamMcp.ts) turns them into these
 * before the SDK sees them; upstreamToolErrors.ts words them for the person.
 */
export class UpstreamTimedOut extends Error {
  override readonly name = 'UpstreamTimedOut';
  /** The time limit that ran out. */
  readonly afterMs: number;

  constructor(afterMs: number) {
    super(`the upstream did not answer within ${afterMs} ms`);
    this.afterMs = afterMs;
  }
}

export class UpstreamRateLimited extends Error {
  override readonly name = 'UpstreamRateLimited';
  /** From Retry-After (RFC 9110 §10.2.3), when the upstream sent a usable one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(retryAfterSeconds: number | undefined) {
    super(`the upstream is rate-limiting requests${retryAfterSeconds === undefined ? '' : `; retry after ${retryAfterSeconds} s`}`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Retry-After as delay-seconds or an HTTP-date; undefined when absent or unusable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d{1,7}$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
