/**
 * Upstream failures as tool results a person can act on (UP-05). The AI client shows the text to
 * the user; a connection that needs the user's action says where to go, and carries the challenge
 * ChatGPT-style clients read from `_meta["mcp/www_authenticate"]` to send the user back through
 * the gateway's authorization. Each failure says what happened (issue 11 #8): out of time → "did not
 * answer within N s", 413 → too large (retrying will not help), 429 → rate-limited and when to retry,
 * 5xx or no answer → unavailable, 401/403 → reconnect, other 4xx → refused.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import { NeedsMorePermission, NeedsReconnect, NotConnected, PublicUpstreamRefused } from '../upstream/upstreamCredentials.ts';
import { UpstreamCancelled, UpstreamHttpError, UpstreamMalformed, UpstreamRateLimited, UpstreamRpcError, UpstreamTimedOut } from '../upstream/upstreamRefusals.ts';
import { MCP_SCOPE } from '../oauth/scopes.ts';
import { bearerChallenge } from '../mcp/wwwAuthenticate.ts';

export type CallOutcome = 'ok' | 'tool_error' | 'needs_reconnect' | 'not_connected' | 'timeout' | 'rate_limited' | 'too_large' | 'unavailable' | 'rejected' | 'cancelled';

export interface ErrorContext {
  readonly connector: ConnectorConfig;
  /** The tool as the client named it (`github__create_issue`). */
  readonly tool: string;
  readonly connectionsUrl: string;
  readonly resourceMetadataUrl: string;
}

const text = (message: string, meta?: Record<string, unknown>): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text: message }],
  ...(meta ? { _meta: meta } : {}),
});

/** "0.3 s" below a second, whole seconds above: the limit as the administrator configured it. */
const seconds = (ms: number) => (ms < 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

export function upstreamFailure(error: unknown, { connector, tool, connectionsUrl, resourceMetadataUrl }: ErrorContext): { result: CallToolResult; outcome: CallOutcome } {
  const name = connector.displayName;
  if (error instanceof NeedsReconnect) {
    const description = `${name} needs to be reconnected`;
    const why = error instanceof NeedsMorePermission ? 'needs more permission than the saved connection grants' : 'refused the saved connection (it was revoked or expired)';
    return {
      outcome: 'needs_reconnect',
      result: text(`${name} ${why}. Reconnect ${name} at ${connectionsUrl} and try again.`, {
        'mcp/www_authenticate': [bearerChallenge({ resourceMetadataUrl, scope: MCP_SCOPE, error: 'invalid_token', description })],
      }),
    };
  }
  if (error instanceof PublicUpstreamRefused) {
    // No challenge in _meta: signing in again at the gateway cannot give the user a credential the connector does not have.
    return { outcome: 'rejected', result: text(`${name} asked for a sign-in, but this gateway offers it without one. Ask your gateway administrator to check the ${name} connector.`) };
  }
  if (error instanceof NotConnected) {
    return { outcome: 'not_connected', result: text(`${name} is not connected for your account. Connect it at ${connectionsUrl} and try again.`) };
  }
  if (error instanceof UpstreamCancelled) {
    // The client asked to stop; it will not read this answer, but the audit trail records it.
    return { outcome: 'cancelled', result: text(`The call to ${tool} was cancelled; ${name} was told to stop.`) };
  }
  if (error instanceof UpstreamTimedOut) {
    return { outcome: 'timeout', result: text(`${name} did not answer within ${seconds(error.afterMs)}. Try again in a moment.`) };
  }
  if (error instanceof UpstreamRpcError) {
    return { outcome: 'rejected', result: text(`${name} rejected the call: ${error.message.slice(0, 300)}`) };
  }
  if (error instanceof UpstreamMalformed) {
    return { outcome: 'unavailable', result: text(`${name} gave an answer the gateway cannot read (${error.message}). Try again later; if it keeps happening, ask your gateway administrator to check the ${name} connector.`) };
  }
  if (error instanceof UpstreamRateLimited) {
    const after = error.retryAfterSeconds;
    const when = after === undefined ? 'Wait a minute and try again.' : after <= 1 ? 'Try again in a second.' : `Try again in ${after} s.`;
    return { outcome: 'rate_limited', result: text(`${name} is rate-limiting requests (HTTP 429). ${when}`) };
  }
  const status = error instanceof UpstreamHttpError ? error.status : undefined;
  if (status === 413) {
    // Retrying the same call cannot help: the arguments themselves are the problem.
    return { outcome: 'too_large', result: text(`The request was too large for ${tool}: ${name} refused it (HTTP 413). Send less data, such as shorter text or fewer items.`) };
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return { outcome: 'rejected', result: text(`${name} refused the request to ${tool} (HTTP ${status}). Ask your gateway administrator to check the ${name} connector if this keeps happening.`) };
  }
  return { outcome: 'unavailable', result: text(`${name} is unavailable right now${status ? ` (HTTP ${status})` : ''}. Try again later.`) };
}
