/**
 * Upstream failures as tool results a person can act on (UP-05). The AI client shows the text to
 * the user; a connection that needs the user's action says where to go, and carries the challenge
 * ChatGPT-style clients read from `_meta["mcp/www_authenticate"]` to send the user back through
 * the gateway's authorization.
 */
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import { NeedsMorePermission, NeedsReconnect, NotConnected, PublicUpstreamRefused } from '../upstream/upstreamCredentials.ts';
import { MCP_SCOPE } from '../oauth/scopes.ts';
import { bearerChallenge } from './wwwAuthenticate.ts';

export type CallOutcome = 'ok' | 'tool_error' | 'needs_reconnect' | 'not_connected' | 'timeout' | 'unavailable' | 'rejected';

export interface ErrorContext {
  readonly connector: ConnectorConfig;
  readonly connectionsUrl: string;
  readonly resourceMetadataUrl: string;
}

const text = (message: string, meta?: Record<string, unknown>): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text: message }],
  ...(meta ? { _meta: meta } : {}),
});

export function upstreamFailure(error: unknown, { connector, connectionsUrl, resourceMetadataUrl }: ErrorContext): { result: CallToolResult; outcome: CallOutcome } {
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
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
    return { outcome: 'timeout', result: text(`${name} did not answer within ${Math.round(connector.timeoutMs / 1000)} s. Try again in a moment.`) };
  }
  if (error instanceof McpError) {
    return { outcome: 'rejected', result: text(`${name} rejected the call: ${error.message.replace(/^MCP error -?\d+: /, '').slice(0, 300)}`) };
  }
  if (error instanceof StreamableHTTPError && error.code === 429) {
    return { outcome: 'unavailable', result: text(`${name} is rate-limiting requests right now. Wait a little and try again.`) };
  }
  const status = error instanceof StreamableHTTPError && (error.code ?? 0) > 0 ? ` (HTTP ${error.code})` : '';
  return { outcome: 'unavailable', result: text(`${name} is unavailable right now${status}. Try again later.`) };
}
