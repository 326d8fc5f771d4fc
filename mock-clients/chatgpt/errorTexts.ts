/**
 * Every error and notice text the ChatGPT look-alike shows, in one place (issue 6 matches symptoms
 * to causes by these). `observed` texts were seen in ChatGPT itself; many failures really do share
 * one text there ("Error fetching OAuth configuration" covers every discovery and registration
 * problem), and the recording tells them apart.
 */
import type { ErrorText, ErrorTextTable } from '../core/flowFailure.ts';

const OAUTH_CONFIGURATION: ErrorText = {
  text: 'Error fetching OAuth configuration',
  source: 'observed',
  seenIn: 'ChatGPT Create app, github/github-mcp-server#1081; real-world failure #8',
};

export const chatgptErrorTexts = {
  reasons: {
    'invalid-input': { text: 'Check the highlighted fields and try again.', source: 'mock' },
    'server-unreachable': OAUTH_CONFIGURATION,
    'mcp-endpoint-error': OAUTH_CONFIGURATION,
    'protected-resource-metadata': OAUTH_CONFIGURATION,
    'resource-mismatch': OAUTH_CONFIGURATION,
    'authorization-server-metadata': OAUTH_CONFIGURATION,
    'pkce-unsupported': OAUTH_CONFIGURATION,
    'registration-unsupported': OAUTH_CONFIGURATION,
    'registration-failed': OAUTH_CONFIGURATION,
    'authorization-denied': { text: 'Authorization was cancelled or denied.', source: 'mock' },
    'authorization-callback-invalid': { text: 'Something went wrong while connecting. Please try again.', source: 'mock' },
    'token-exchange-failed': { text: 'Error completing OAuth flow', source: 'mock' },
    'connection-failed': { text: 'Authorization failed', source: 'observed', seenIn: 'real-world failure #5 (token issued, no authenticated request succeeds)' },
    'reconnect-required': { text: 'Connection expired', source: 'observed', seenIn: 'real-world failure #9 (no refresh, or refresh refused)' },
    'tool-list-failed': { text: 'Error refreshing actions', source: 'mock', seenIn: 'nowledge-co/community#496 reports "a generic refresh error"' },
    'tool-call-failed': { text: 'Error calling action', source: 'mock' },
  },
  input: {
    'name-required': { text: 'Name is required', source: 'mock' },
    'url-invalid': { text: 'Enter a valid MCP server URL (https://…)', source: 'mock' },
    'acknowledgement-required': { text: 'Confirm that you understand the risks to continue', source: 'mock' },
    'arguments-invalid': { text: 'Arguments must be a JSON object', source: 'mock' },
    'unknown-tool': { text: 'Choose an action from the list', source: 'mock' },
    'transport-unsupported': { text: 'This server type is not supported', source: 'mock' },
  },
} as const satisfies ErrorTextTable;

/** Texts that are not errors but that scenarios look for. */
export const chatgptNotices = {
  noActions: { text: 'No app actions available', source: 'observed', seenIn: 'nowledge-co/community#496' },
  reconnectHint: { text: 'Reconnect to continue using this app.', source: 'mock' },
} as const satisfies Record<string, ErrorText>;
