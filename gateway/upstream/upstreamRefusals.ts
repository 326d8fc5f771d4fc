/**
 * What an upstream MCP request ended in, when that is something the user should be told precisely
 * (UP-05, issue 11 #8): it ran out of time, it is rate-limiting, it answered an HTTP error or a
 * JSON-RPC error, or something that is not an MCP answer. upstreamRpc.ts throws these;
 * upstreamMcp.ts acts on the statuses (401 renew, 403 reconnect, 404 new session) and
 * upstreamToolErrors.ts words the rest for the person.
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

/** A non-2xx answer other than 429. */
export class UpstreamHttpError extends Error {
  override readonly name = 'UpstreamHttpError';
  readonly status: number;

  constructor(status: number) {
    super(`the upstream answered HTTP ${status}`);
    this.status = status;
  }
}

/** A JSON-RPC error response: the upstream understood the request and refused it. */
export class UpstreamRpcError extends Error {
  override readonly name = 'UpstreamRpcError';
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

/** Something that is not an MCP answer (wrong type, no response to our id, too large, no result). */
export class UpstreamMalformed extends Error {
  override readonly name = 'UpstreamMalformed';
}

/** The client cancelled the request (notifications/cancelled) while the upstream was working on it. */
export class UpstreamCancelled extends Error {
  override readonly name = 'UpstreamCancelled';
}
