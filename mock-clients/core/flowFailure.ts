/**
 * Why a connection step failed, as a closed list of reasons. The shared core raises a FlowFailure
 * with a reason; each profile turns the reason into the words its real client shows (its
 * errorTexts.ts). Issue 6 maps a user-visible text back to its reason and from there to a cause.
 */

export const FAILURE_REASONS = [
  /** The form was incomplete or malformed (name, URL, tool arguments). */
  'invalid-input',
  /** The MCP URL could not be reached at all (DNS, refused, TLS, timeout). */
  'server-unreachable',
  /** The MCP endpoint answered the first request with something other than 401 or success. */
  'mcp-endpoint-error',
  /** RFC 9728 Protected Resource Metadata missing or malformed (real-world failures #1, #2). */
  'protected-resource-metadata',
  /** PRM `resource` does not match the URL the person typed (real-world failure #2, AUTH-04). */
  'resource-mismatch',
  /** RFC 8414 / OIDC metadata of the authorization server missing or malformed (#3). */
  'authorization-server-metadata',
  /** The AS does not advertise PKCE S256 (clients refuse it since 2025-11-25). */
  'pkce-unsupported',
  /** Neither CIMD nor DCR is offered (real-world failure #8). */
  'registration-unsupported',
  /** Dynamic client registration answered with an error. */
  'registration-failed',
  /** The browser came back with `error=` (access_denied, invalid_scope, …). */
  'authorization-denied',
  /** The callback carried an unknown or used state, or an `iss` that is not the AS (RFC 9207). */
  'authorization-callback-invalid',
  /** The code could not be redeemed (#4 invalid_target, #6 redirect mismatch, invalid_client). */
  'token-exchange-failed',
  /** Tokens were issued but the first authenticated MCP request failed (#5). */
  'connection-failed',
  /** The refresh token was refused or missing: a person must connect again (#9, revocation). */
  'reconnect-required',
  /** Re-listing tools failed for another reason (#10 surfaces here only as a stale list). */
  'tool-list-failed',
  /** The tool call itself could not be made (transport or protocol error). */
  'tool-call-failed',
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

/** What was wrong with an `invalid-input` form, each with its own text. */
export const INPUT_PROBLEMS = ['name-required', 'url-invalid', 'acknowledgement-required', 'arguments-invalid', 'unknown-tool', 'transport-unsupported'] as const;
export type InputProblem = (typeof INPUT_PROBLEMS)[number];

export class FlowFailure extends Error {
  override readonly name = 'FlowFailure';
  readonly reason: FailureReason;
  readonly problem: InputProblem | undefined;

  /** `message` is for tests and logs: it never contains a token, code or secret. */
  constructor(reason: FailureReason, message: string, options?: { cause?: unknown; problem?: InputProblem }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.reason = reason;
    this.problem = options?.problem;
  }
}

export function invalidInput(problem: InputProblem, message: string): FlowFailure {
  return new FlowFailure('invalid-input', message, { problem });
}

/**
 * A user-visible error text. `source` says whether the wording was seen in the real client
 * (`observed`, with where) or is this look-alike's own (`mock`), so issue 6 knows how far to trust it.
 * `{name}` in the text stands for the app or connector name.
 */
export interface ErrorText {
  readonly text: string;
  readonly source: 'observed' | 'mock';
  readonly seenIn?: string;
}

export interface ErrorTextTable {
  /** One text per failure reason (for `invalid-input`, the generic one). */
  readonly reasons: Readonly<Record<FailureReason, ErrorText>>;
  /** Form validation texts. */
  readonly input: Readonly<Record<InputProblem, ErrorText>>;
}

/** The text a person sees for a failure; `{name}` filled in. */
export function errorText(table: ErrorTextTable, failure: FailureReason | FlowFailure, name = ''): string {
  const entry = typeof failure === 'string' ? table.reasons[failure] : failure.problem ? table.input[failure.problem] : table.reasons[failure.reason];
  return entry.text.replaceAll('{name}', name);
}

/** Any error as the FlowFailure a page can show: unexpected errors count as `fallback`. */
export function asFlowFailure(error: unknown, fallback: FailureReason): FlowFailure {
  return error instanceof FlowFailure ? error : new FlowFailure(fallback, error instanceof Error ? error.message.slice(0, 200) : 'unexpected error', { cause: error });
}
