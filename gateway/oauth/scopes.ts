/**
 * The scopes the gateway's authorization server knows. `mcp:tools` is the one resource scope of the
 * MCP endpoint and the only one Protected Resource Metadata advertises (AUTH-05, SEC-04: minimal);
 * the OIDC scopes exist because some clients (ChatGPT, CLIENT-CHATGPT-04) request every scope the
 * AS advertises and registration fails on an unknown one.
 */
export const MCP_SCOPE = 'mcp:tools';

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

export const ALL_SCOPES = [...OIDC_SCOPES, MCP_SCOPE] as const;

/** What the consent page says each scope allows, in the user's words. */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  [MCP_SCOPE]: 'Use the tools you authorize through this gateway, on your behalf',
  openid: 'Confirm who you are',
  profile: 'See your name',
  email: 'See your email address',
  offline_access: 'Stay connected when you are not using it (refresh tokens)',
};
