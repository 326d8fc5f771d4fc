/**
 * Atlassian's names and shapes: API tokens (`ATATT…`, presented as Basic `email:token`), opaque
 * OAuth access and refresh tokens, the 3LO and MCP-OAuth paths, and the MCP endpoint `/v1/mcp`
 * (as on mcp.atlassian.com).
 */
import { randomAlphanumeric } from '../core/randomToken.ts';
import type { VendorProfile } from '../core/vendorCore.ts';

export const ATLASSIAN_TOKEN_KINDS = {
  access: 'oauth-access-token',
  refresh: 'oauth-refresh-token',
} as const;

/** The 3LO audience every authorization URL must name. */
export const ATLASSIAN_AUDIENCE = 'api.atlassian.com';

export const atlassianProfile: VendorProfile = {
  id: 'atlassian',
  brand: { name: 'Atlassian', color: '#0052cc' },
  sessionCookie: 'atlassian_cloud_session',
  mcpPath: '/v1/mcp',
  oauthPaths: ['/authorize', '/oauth/token', '/login', '/consent', '/v1/authorize', '/v1/token', '/v1/register', '/.well-known/'],
  apiKeyScheme: 'basic',
  credentialFormats: [{ kind: 'api-token', pattern: /^ATATT/ }],
  formatToken: (kind) => randomAlphanumeric(kind === ATLASSIAN_TOKEN_KINDS.access ? 96 : 128),
};
