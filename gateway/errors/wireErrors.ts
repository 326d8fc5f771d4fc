/**
 * Errors that cross the wire. Each carries the registered RFC `error` code, a description, the
 * HTTP status and whether the description may be shown to the caller. Anything thrown that is not a
 * WireError becomes a generic `server_error` (500) whose details stay in the log — no stack trace or
 * internal message ever reaches a client (issue 2, point 7).
 *
 * Codes: RFC 6749 §5.2 (token), RFC 6750 §3.1 (bearer), RFC 7591 §3.2.2 (registration),
 * RFC 8707 §2 (invalid_target).
 */
export abstract class WireError extends Error {
  abstract readonly error: string;
  abstract readonly status: number;
  /** False when the description would reveal internals; the client then sees a generic text. */
  readonly expose: boolean = true;

  readonly description: string;

  constructor(description: string) {
    super(description);
    this.description = description;
  }

  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.expose ? this.description : 'an internal error occurred' };
  }
}

export class InvalidRequest extends WireError {
  readonly error = 'invalid_request';
  readonly status = 400;
}

/** RFC 6750 §3.1: the access token is missing, expired, revoked, malformed or for another audience. */
export class InvalidToken extends WireError {
  readonly error = 'invalid_token';
  readonly status = 401;
}

/** RFC 6750 §3.1: the token is valid but lacks the scope the request needs (AUTH-06). */
export class InsufficientScope extends WireError {
  readonly error = 'insufficient_scope';
  readonly status = 403;
  readonly requiredScope: string;

  constructor(description: string, requiredScope: string) {
    super(description);
    this.requiredScope = requiredScope;
  }
}

/** RFC 8707 §2: the requested resource is not one this authorization server issues tokens for. */
export class InvalidTarget extends WireError {
  readonly error = 'invalid_target';
  readonly status = 400;
}

/** RFC 7591 §3.2.2 */
export class InvalidRedirectUri extends WireError {
  readonly error = 'invalid_redirect_uri';
  readonly status = 400;
}

/** RFC 7591 §3.2.2 */
export class InvalidClientMetadata extends WireError {
  readonly error = 'invalid_client_metadata';
  readonly status = 400;
}

/** The request came from a browser origin this gateway does not serve (TRANSPORT-02). */
export class ForbiddenOrigin extends WireError {
  readonly error = 'forbidden_origin';
  readonly status = 403;
}

export class NotFound extends WireError {
  readonly error = 'not_found';
  readonly status = 404;
}

export class MethodNotAllowed extends WireError {
  readonly error = 'method_not_allowed';
  readonly status = 405;
}

export class PayloadTooLarge extends WireError {
  readonly error = 'invalid_request';
  readonly status = 413;
}

export class ServerError extends WireError {
  readonly error = 'server_error';
  readonly status = 500;
  override readonly expose = false;
}

/**
 * A per-client-IP rate limit on an OAuth endpoint (registration, token, authorization). RFC 6749
 * §4.1.2.1 `temporarily_unavailable`: retry later, after the Retry-After header's seconds.
 */
export class TooManyRequests extends WireError {
  readonly error = 'temporarily_unavailable';
  readonly status = 429;
  readonly retryAfterSeconds: number;

  constructor(description: string, retryAfterSeconds: number) {
    super(description);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
