/**
 * Slack's names and shapes: `xoxb-` bot and `xoxp-` user tokens, their rotating forms
 * `xoxe.xoxb-1-…` / `xoxe.xoxp-1-…` with `xoxe-1-…` refresh tokens, Web API paths under /api/.
 */
import { randomAlphanumeric, randomDigits } from '../core/randomToken.ts';
import type { VendorProfile } from '../core/vendorCore.ts';

export const SLACK_TOKEN_KINDS = {
  rotatingBot: 'rotating-bot-token',
  rotatingUser: 'rotating-user-token',
  bot: 'bot-token',
  user: 'user-token',
  refresh: 'refresh-token',
} as const;

export const slackProfile: VendorProfile = {
  id: 'slack',
  brand: { name: 'Slack', color: '#4a154b' },
  sessionCookie: 'slack_d',
  mcpPath: '/mcp',
  oauthPaths: ['/oauth/v2/authorize', '/api/oauth.v2.access', '/login', '/consent'],
  apiKeyScheme: 'bearer',
  credentialFormats: [
    { kind: SLACK_TOKEN_KINDS.rotatingBot, pattern: /^xoxe\.xoxb-/ },
    { kind: SLACK_TOKEN_KINDS.rotatingUser, pattern: /^xoxe\.xoxp-/ },
    { kind: SLACK_TOKEN_KINDS.refresh, pattern: /^xoxe-/ },
    { kind: SLACK_TOKEN_KINDS.bot, pattern: /^xoxb-/ },
    { kind: SLACK_TOKEN_KINDS.user, pattern: /^xoxp-/ },
  ],
  formatToken: (kind) => {
    switch (kind) {
      case SLACK_TOKEN_KINDS.rotatingBot:
        return `xoxe.xoxb-1-${randomAlphanumeric(130)}`;
      case SLACK_TOKEN_KINDS.rotatingUser:
        return `xoxe.xoxp-1-${randomAlphanumeric(130)}`;
      case SLACK_TOKEN_KINDS.bot:
        return `xoxb-${randomDigits(13)}-${randomDigits(13)}-${randomAlphanumeric(24)}`;
      case SLACK_TOKEN_KINDS.user:
        return `xoxp-${randomDigits(13)}-${randomDigits(13)}-${randomDigits(13)}-${randomAlphanumeric(32).toLowerCase()}`;
      default:
        return `xoxe-1-${randomAlphanumeric(140)}`;
    }
  },
};
