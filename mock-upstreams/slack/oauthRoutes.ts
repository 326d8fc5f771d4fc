/**
 * Slack OAuth v2, in Slack's shape:
 *  - GET  /oauth/v2/authorize — `scope` (bot scopes) and `user_scope` (user scopes), each
 *    comma-separated; redirect_uri optional (defaults to the app's first); state; PKCE S256.
 *  - POST /api/oauth.v2.access — form body, client id/secret as form fields or Basic. Always
 *    HTTP 200: `ok: true` with the bot token on top and the user token under `authed_user`, or
 *    `ok: false` with Slack's error name. Apps with token rotation get `xoxe.` tokens that expire
 *    in 12 h and `xoxe-1-` refresh tokens that rotate (`grant_type=refresh_token`).
 */
import { http, type HttpHandler } from 'msw';
import { SLACK_BOT_SCOPES, SLACK_USER_SCOPES, type SlackFixture } from '../../fixtures/vendors/index.ts';
import { bodyParams, BadRequestBody } from '../core/http/requestParams.ts';
import { jsonResponse } from '../core/http/responses.ts';
import { handleAuthorize } from '../core/oauth/authorizeEndpoint.ts';
import { clientCredentials } from '../core/oauth/clientCredentials.ts';
import type { OAuthClient } from '../core/oauth/clientRegistry.ts';
import { OAuthError } from '../core/oauth/oauthError.ts';
import type { IssuedTokens } from '../core/oauth/tokenStore.ts';
import type { VendorCore } from '../core/vendorCore.ts';
import { SLACK_TOKEN_KINDS } from './profile.ts';

const FLOW = 'slack';
const ROTATING_TTL_SECONDS = 12 * 60 * 60;
const BOT_GROUP = 'Bot permissions';
const USER_GROUP = 'User permissions';

function parseScopes(raw: string | undefined, allowed: readonly string[], param: string): string[] {
  const scopes = [...new Set((raw ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
  const unknown = scopes.find((s) => !allowed.includes(s));
  if (unknown !== undefined) throw new OAuthError('invalid_scope', `${param} contains ${unknown}, which is not a valid ${param === 'scope' ? 'bot' : 'user'} scope`);
  return scopes;
}

/** Slack's error names for what the shared flow reports in RFC terms. */
function slackError(error: OAuthError): string {
  if (error.detail === 'unknown_client') return 'invalid_client_id';
  if (error.detail === 'client_secret') return 'bad_client_secret';
  if (error.detail === 'code') return 'invalid_code';
  if (error.detail === 'redirect_uri') return 'bad_redirect_uri';
  if (error.detail === 'pkce') return 'invalid_code_verifier';
  if (error.error === 'unsupported_grant_type') return 'invalid_grant_type';
  return error.error;
}

export function slackOAuthRoutes(core: VendorCore, fixture: SlackFixture): HttpHandler[] {
  const issue = (client: OAuthClient, accountId: string, scopes: readonly string[], actor: 'user' | 'bot'): IssuedTokens => {
    const rotating = client.tokenRotation === true;
    const accessKind = actor === 'bot' ? (rotating ? SLACK_TOKEN_KINDS.rotatingBot : SLACK_TOKEN_KINDS.bot) : rotating ? SLACK_TOKEN_KINDS.rotatingUser : SLACK_TOKEN_KINDS.user;
    return core.tokens.issue({
      clientId: client.clientId,
      accountId,
      scopes,
      accessKind,
      refreshKind: SLACK_TOKEN_KINDS.refresh,
      accessTtlSeconds: rotating ? ROTATING_TTL_SECONDS : null,
      withRefreshToken: rotating,
      actor,
    });
  };
  const rotation = (tokens: IssuedTokens) => (tokens.refreshToken ? { refresh_token: tokens.refreshToken, expires_in: tokens.expiresIn } : {});
  const team = { id: fixture.team.id, name: fixture.team.name };

  return [
    http.get(core.url('/oauth/v2/authorize'), ({ request }) =>
      handleAuthorize(core, request, {
        flow: FLOW,
        responseTypeRequired: false,
        redirectUriRequired: false,
        scopeGroups: (params) => {
          const bot = parseScopes(params.get('scope'), SLACK_BOT_SCOPES, 'scope');
          const user = parseScopes(params.get('user_scope'), SLACK_USER_SCOPES, 'user_scope');
          if (bot.length === 0 && user.length === 0) throw new OAuthError('invalid_scope', 'scope or user_scope is required');
          return [
            { label: BOT_GROUP, scopes: bot },
            { label: USER_GROUP, scopes: user },
          ];
        },
      }),
    ),

    http.post(core.url('/api/oauth.v2.access'), async ({ request }) => {
      try {
        const params = await bodyParams(request);
        const credentials = clientCredentials(request, params);
        const client = core.clients.authenticate(credentials.clientId, credentials.clientSecret);
        const grantType = params.get('grant_type') ?? 'authorization_code';
        if (grantType === 'refresh_token') {
          const tokens = core.tokens.refresh(params.get('refresh_token') ?? '', client.clientId, core.faults.settings.refreshInvalidGrant);
          const bot = tokens.grant.actor === 'bot';
          return jsonResponse({
            ok: true,
            app_id: fixture.bot.appId,
            scope: tokens.grant.scopes.join(','),
            token_type: bot ? 'bot' : 'user',
            access_token: tokens.accessToken,
            ...rotation(tokens),
            ...(bot ? { bot_user_id: fixture.bot.userId } : { user_id: tokens.grant.accountId }),
            team,
            enterprise: null,
            is_enterprise_install: false,
          });
        }
        if (grantType !== 'authorization_code') throw new OAuthError('unsupported_grant_type', grantType);
        const { pending, accountId } = core.authorizations.redeem({
          code: params.get('code'),
          flow: FLOW,
          clientId: client.clientId,
          redirectUri: params.get('redirect_uri'),
          codeVerifier: params.get('code_verifier'),
        });
        const botScopes = pending.scopeGroups.find((g) => g.label === BOT_GROUP)?.scopes ?? [];
        const userScopes = pending.scopeGroups.find((g) => g.label === USER_GROUP)?.scopes ?? [];
        const bot = botScopes.length > 0 ? issue(client, accountId, botScopes, 'bot') : undefined;
        const user = userScopes.length > 0 ? issue(client, accountId, userScopes, 'user') : undefined;
        return jsonResponse({
          ok: true,
          app_id: fixture.bot.appId,
          authed_user: user ? { id: accountId, scope: userScopes.join(','), access_token: user.accessToken, token_type: 'user', ...rotation(user) } : { id: accountId },
          ...(bot ? { scope: botScopes.join(','), token_type: 'bot', access_token: bot.accessToken, bot_user_id: fixture.bot.userId, ...rotation(bot) } : {}),
          team,
          enterprise: null,
          is_enterprise_install: false,
        });
      } catch (error) {
        if (error instanceof OAuthError) return jsonResponse({ ok: false, error: slackError(error), warning: error.description });
        if (error instanceof BadRequestBody) return jsonResponse({ ok: false, error: 'invalid_arguments', warning: error.message });
        throw error;
      }
    }),
  ];
}
