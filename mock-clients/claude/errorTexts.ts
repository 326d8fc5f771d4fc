/**
 * Every error and notice text the Claude look-alike shows, in one place (issue 6 matches symptoms
 * to causes by these). `observed` texts were reported from claude.ai's connector settings
 * (anthropics/claude-ai-mcp issues); `{name}` is the connector's name.
 */
import type { ErrorText, ErrorTextTable } from '../core/flowFailure.ts';

const CHECK_SERVER: ErrorText = {
  text: 'There was an error connecting to {name}. Please check your server URL and make sure your server handles auth correctly.',
  source: 'observed',
  seenIn: 'claude.ai Connect (GitHub remote MCP server reports; older wording "to the MCP server")',
};
const REGISTER: ErrorText = { text: "Couldn't register with {name}'s sign-in service.", source: 'observed', seenIn: 'anthropics/claude-ai-mcp#1017, #998' };
const AUTHORIZATION_FAILED: ErrorText = {
  text: 'Authorization with the MCP server failed. You can check your credentials and permissions.',
  source: 'observed',
  seenIn: 'anthropics/claude-ai-mcp#326, #132',
};

export const claudeErrorTexts = {
  reasons: {
    'invalid-input': { text: 'Please check the connector details.', source: 'mock' },
    'server-unreachable': CHECK_SERVER,
    'mcp-endpoint-error': CHECK_SERVER,
    'protected-resource-metadata': CHECK_SERVER,
    'resource-mismatch': CHECK_SERVER,
    'authorization-server-metadata': CHECK_SERVER,
    'pkce-unsupported': CHECK_SERVER,
    'registration-unsupported': REGISTER,
    'registration-failed': REGISTER,
    'authorization-denied': AUTHORIZATION_FAILED,
    'authorization-callback-invalid': { text: 'Authentication failed. You can try connecting again.', source: 'observed', seenIn: 'anthropics/claude-ai-mcp#199' },
    'token-exchange-failed': AUTHORIZATION_FAILED,
    'connection-failed': { text: 'Your account was authorized, but the server returned an error when connecting.', source: 'observed', seenIn: 'anthropics/claude-ai-mcp#504' },
    'reconnect-required': { text: '{name} needs to be reconnected. Connect again to keep using its tools.', source: 'mock', seenIn: 'claude.ai mostly drops the tools silently (anthropics/claude-ai-mcp#702)' },
    'tool-list-failed': { text: "Couldn't refresh tools for {name}.", source: 'mock' },
    'tool-call-failed': { text: 'Error executing tool', source: 'mock' },
  },
  input: {
    'name-required': { text: 'Name is required', source: 'mock' },
    'url-invalid': { text: 'Enter a valid URL', source: 'mock' },
    'acknowledgement-required': { text: 'Please confirm to continue', source: 'mock' },
    'arguments-invalid': { text: 'Tool input must be a JSON object', source: 'mock' },
    'unknown-tool': { text: 'Choose a tool from the list', source: 'mock' },
    'transport-unsupported': { text: 'This server type is not supported', source: 'mock' },
  },
} as const satisfies ErrorTextTable;

export const claudeNotices = {
  noTools: { text: 'No tools available', source: 'mock' },
} as const satisfies Record<string, ErrorText>;
