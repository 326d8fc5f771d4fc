/**
 * Every error and notice text the Inspector look-alike shows, in one place (issue 6 matches symptoms
 * to causes by these). The Inspector (0.x) says little: one connection-error line for anything that
 * stops Connect, the SDK's own message for the rest. Pure data: the browser bundle imports it.
 */
import type { ErrorText, ErrorTextTable } from '../core/flowFailure.ts';

const CONNECTION_ERROR: ErrorText = {
  text: 'Connection Error - Check if your MCP server is running and proxy token is correct',
  source: 'observed',
  seenIn: 'MCP Inspector 0.x sidebar status',
};
const OAUTH_ERROR: ErrorText = { text: 'OAuth Authorization Error', source: 'mock', seenIn: 'modelled on the Inspector 0.x callback toast' };

export const inspectorErrorTexts = {
  reasons: {
    'invalid-input': { text: 'Invalid input', source: 'mock' },
    'server-unreachable': CONNECTION_ERROR,
    'mcp-endpoint-error': CONNECTION_ERROR,
    'protected-resource-metadata': CONNECTION_ERROR,
    'resource-mismatch': CONNECTION_ERROR,
    'authorization-server-metadata': CONNECTION_ERROR,
    'pkce-unsupported': CONNECTION_ERROR,
    'registration-unsupported': CONNECTION_ERROR,
    'registration-failed': CONNECTION_ERROR,
    'authorization-denied': OAUTH_ERROR,
    'authorization-callback-invalid': OAUTH_ERROR,
    'token-exchange-failed': OAUTH_ERROR,
    'connection-failed': CONNECTION_ERROR,
    'reconnect-required': CONNECTION_ERROR,
    'tool-list-failed': { text: 'Failed to list tools', source: 'mock' },
    'tool-call-failed': { text: 'Tool Result: Error', source: 'observed', seenIn: 'MCP Inspector 0.x tools tab' },
  },
  input: {
    'name-required': { text: 'Name is required', source: 'mock' },
    'url-invalid': { text: 'Enter a valid URL', source: 'mock' },
    'acknowledgement-required': { text: 'Please confirm to continue', source: 'mock' },
    'arguments-invalid': { text: 'Arguments must be a JSON object', source: 'mock' },
    'unknown-tool': { text: 'Select a tool first', source: 'mock' },
    'transport-unsupported': { text: 'This look-alike supports the Streamable HTTP transport only', source: 'mock' },
  },
} as const satisfies ErrorTextTable;

export const inspectorNotices = {
  toolSuccess: { text: 'Tool Result: Success', source: 'observed', seenIn: 'MCP Inspector 0.x tools tab' },
  connected: { text: 'Connected', source: 'observed' },
  disconnected: { text: 'Disconnected', source: 'observed' },
} as const satisfies Record<string, ErrorText>;
