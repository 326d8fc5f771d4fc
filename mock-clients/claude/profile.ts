/**
 * Claude's facts and connection policy.
 * CLIENT-CLAUDE-01  redirect https://claude.ai/api/mcp/auth_callback
 * CLIENT-CLAUDE-02  DCR: a new client on every Connect; invalid_client at the token endpoint → register again
 * CLIENT-CLAUDE-03  PKCE S256 and `resource`; PRM `resource` must equal the typed URL, path included
 */
import type { ClientPolicy } from '../core/connections/connectionFlow.ts';
import { dcrPerConnection } from '../core/oauth/registration.ts';
import type { ClientProfileInfo } from '../core/profileTypes.ts';

export const CLAUDE_ORIGIN = 'https://claude.ai';
export const CLAUDE_CALLBACK_PATH = '/api/mcp/auth_callback';
export const CLAUDE_REDIRECT_URI = `${CLAUDE_ORIGIN}${CLAUDE_CALLBACK_PATH}`;
export const CLAUDE_IDENTITY = { name: 'claude-ai', version: '0.1.0' } as const;

export function claudeInfo(listenUrl: string): ClientProfileInfo {
  return {
    id: 'claude',
    displayName: 'Claude',
    origin: CLAUDE_ORIGIN,
    listenUrl,
    startUrl: `${CLAUDE_ORIGIN}/`,
    redirectUris: [CLAUDE_REDIRECT_URI],
    registrationStyle: 'dcr-per-connection',
    mcpClientName: CLAUDE_IDENTITY.name,
  };
}

/** What Claude says about itself when it registers (a new client on every Connect). */
export function claudeClientMetadata() {
  return { client_name: 'Claude', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] };
}

export const claudeRegistrationMetadata = () => ({ ...claudeClientMetadata(), redirect_uris: [CLAUDE_REDIRECT_URI] });

export const claudePolicy: ClientPolicy = {
  profile: 'claude',
  identity: CLAUDE_IDENTITY,
  resourceMatch: 'exact',
  scopePolicy: 'challenge-or-prm',
  registration: dcrPerConnection,
  reRegisterOnInvalidClient: true,
  redirectUri: () => CLAUDE_REDIRECT_URI,
  clientMetadata: claudeClientMetadata,
};
