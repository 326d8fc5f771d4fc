/**
 * Errors that cross the wire. Each carries the registered RFC `error` code, a description, the
 * HTTP status and whether the description may be shown to the caller. Anything thrown that is not a
 * WireError becomes a generic `server_error` (500) whose details stay in the log — no stack trace or
 * internal message ever reaches a client (issue 2, point 7).
 *
 * Codes: RFC 6749 §5.2 (token), RFC 6750 §3.1 (bearer), RFC 7591 §3.2.2 (registration),
 * RFC 8707 §2 (invalid_target); on the MCP endpoint, JSON-RPC 2.0 §5.1 codes (McpTransportRefusal).
 * gateway/mcp/mcpRefusals.ts renders the MCP endpoint's as a Bearer challenge or a JSON-RPC error;
 * gateway/http/errorHandler.ts renders everything else.
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

/**
 * RFC 6750 §3.1: the request carried no credentials at all, so the challenge carries no error code
 * ("the resource server SHOULD NOT include an error code or other error information").
 */
export class AuthorizationRequired extends WireError {
  readonly error = 'unauthorized';
  readonly status = 401;
}

/** RFC 6750 §3.1: the access token is expired, revoked, malformed or for another audience. */
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
export class InvalidClientMetadata extends WireError {
  readonly error = 'invalid_client_metadata';
  readonly status = 400;
}

export class NotFound extends WireError {
  readonly error = 'not_found';
  readonly status = 404;
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

/** JSON-RPC 2.0 §5.1 error codes, and the two the MCP SDK and spec examples use for transport errors. */
export const JSONRPC_PARSE_ERROR = -32700;
export const JSONRPC_INVALID_REQUEST = -32600;
export const JSONRPC_INVALID_PARAMS = -32602;
export const JSONRPC_INTERNAL_ERROR = -32603;
export const JSONRPC_TRANSPORT_ERROR = -32000;
export const JSONRPC_SESSION_NOT_FOUND = -32001;

/**
 * A refusal by the MCP endpoint's transport (Streamable HTTP): a JSON-RPC error object without an
 * id, with the HTTP status the transport prescribes (400, 403, 404, 405, 406, 413, 415).
 */
export class McpTransportRefusal extends WireError {
  readonly error = 'invalid_request';
  readonly status: number;
  readonly rpcCode: number;
  /** Headers the status requires (Allow on 405). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, rpcCode: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.rpcCode = rpcCode;
    this.headers = headers;
  }
}
