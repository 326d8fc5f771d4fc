/**
 * GitHub's names and shapes: token prefixes (`ghp_` classic PAT, `github_pat_` fine-grained PAT,
 * `gho_` OAuth token, `ghu_` expiring user token, `ghr_` refresh token), paths and branding.
 */
import { randomAlphanumeric } from '../core/randomToken.ts';
import type { VendorProfile } from '../core/vendorCore.ts';

export const GITHUB_TOKEN_KINDS = {
  oauth: 'oauth-token',
  expiringUser: 'user-to-server-token',
  refresh: 'refresh-token',
} as const;

export const githubProfile: VendorProfile = {
  id: 'github',
  brand: { name: 'GitHub', color: '#24292f' },
  sessionCookie: 'github_user_session',
  mcpPath: '/mcp',
  oauthPaths: ['/login', '/login/oauth/authorize', '/login/oauth/access_token', '/consent'],
  apiKeyScheme: 'bearer',
  credentialFormats: [
    { kind: 'fine-grained-pat', pattern: /^github_pat_/ },
    { kind: 'classic-pat', pattern: /^ghp_/ },
    { kind: GITHUB_TOKEN_KINDS.oauth, pattern: /^gho_/ },
    { kind: GITHUB_TOKEN_KINDS.expiringUser, pattern: /^ghu_/ },
    { kind: GITHUB_TOKEN_KINDS.refresh, pattern: /^ghr_/ },
  ],
  formatToken: (kind) => {
    if (kind === GITHUB_TOKEN_KINDS.oauth) return `gho_${randomAlphanumeric(36)}`;
    if (kind === GITHUB_TOKEN_KINDS.expiringUser) return `ghu_${randomAlphanumeric(36)}`;
    return `ghr_${randomAlphanumeric(76)}`;
  },
};
