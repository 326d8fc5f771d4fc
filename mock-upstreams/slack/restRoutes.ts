/**
 * Slack's cheap check, `auth.test` (GET or POST, Bearer token): HTTP 200 always; `ok: true` with
 * team and user, the token's scopes in the `x-oauth-scopes` header (how a gateway spots a token
 * lacking chat:write); or `ok: false` with not_authed / invalid_auth / token_revoked / token_expired.
 */
import { http, type HttpHandler } from 'msw';
import type { SlackFixture } from '../../fixtures/vendors/index.ts';
import type { AuthFailure } from '../core/callerAuth.ts';
import { jsonResponse } from '../core/http/responses.ts';
import type { VendorCore } from '../core/vendorCore.ts';

export const SLACK_AUTH_ERRORS: Record<AuthFailure, string> = {
  missing: 'not_authed',
  malformed: 'invalid_auth',
  unknown: 'invalid_auth',
  revoked: 'token_revoked',
  expired: 'token_expired',
  'wrong-resource': 'invalid_auth',
};

export function slackRestRoutes(core: VendorCore, fixture: SlackFixture): HttpHandler[] {
  const authTest = ({ request }: { request: Request }): Response => {
    const outcome = core.authenticate(request);
    if (!outcome.ok) return jsonResponse({ ok: false, error: SLACK_AUTH_ERRORS[outcome.failure] });
    const { caller } = outcome;
    const bot = caller.actor === 'bot';
    const userId = bot ? fixture.bot.userId : caller.accountId;
    const login = bot ? fixture.bot.name : fixture.accounts.find((a) => a.id === caller.accountId)?.login;
    return jsonResponse(
      {
        ok: true,
        url: `${core.baseUrl}/`,
        team: fixture.team.name,
        user: login,
        team_id: fixture.team.id,
        user_id: userId,
        ...(bot ? { bot_id: fixture.bot.botId } : {}),
        is_enterprise_install: false,
      },
      200,
      { 'x-oauth-scopes': [...caller.scopes].join(',') },
    );
  };
  return [http.get(core.url('/api/auth.test'), authTest), http.post(core.url('/api/auth.test'), authTest)];
}
