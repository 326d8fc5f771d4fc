/**
 * GitHub OAuth app endpoints, in GitHub's shape:
 *  - GET  /login/oauth/authorize — client_id, redirect_uri (optional: defaults to the registered
 *    callback), scope (space-separated), state, PKCE S256; Deny → error=access_denied with
 *    GitHub's error_description and error_uri.
 *  - POST /login/oauth/access_token — parameters in body or query; the answer is form-encoded unless
 *    `Accept: application/json`; errors are HTTP 200 with GitHub's codes (bad_verification_code,
 *    incorrect_client_credentials, redirect_uri_mismatch). Apps that opted in to expiring user tokens
 *    get `ghu_` (8 h) + rotating `ghr_` refresh tokens; others a non-expiring `gho_`.
 */
import { http, type HttpHandler } from 'msw';
import { GITHUB_SCOPES } from '../../fixtures/vendors/index.ts';
import { allParams, BadRequestBody } from '../core/http/requestParams.ts';
import { jsonResponse } from '../core/http/responses.ts';
import { handleAuthorize } from '../core/oauth/authorizeEndpoint.ts';
import { clientCredentials } from '../core/oauth/clientCredentials.ts';
import { OAuthError } from '../core/oauth/oauthError.ts';
import type { IssuedTokens } from '../core/oauth/tokenStore.ts';
import type { VendorCore } from '../core/vendorCore.ts';
import { GITHUB_TOKEN_KINDS } from './profile.ts';

const FLOW = 'github';
const USER_TOKEN_TTL_SECONDS = 8 * 60 * 60;
const REFRESH_TOKEN_TTL_SECONDS = 15_897_600;
const DOCS = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';

type Fields = Record<string, string | number | undefined>;

function reply(request: Request, fields: Fields): Response {
  const present = Object.entries(fields).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  if ((request.headers.get('accept') ?? '').includes('application/json')) return jsonResponse(Object.fromEntries(present));
  const body = new URLSearchParams(present.map(([k, v]) => [k, String(v)])).toString();
  return new Response(body, { status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'cache-control': 'no-store' } });
}

/** GitHub's names for token-endpoint failures (all answered with HTTP 200). */
function githubError(error: OAuthError): Fields {
  if (error.error === 'invalid_client') {
    return { error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.', error_uri: `${DOCS}#incorrect-client-credentials` };
  }
  if (error.detail === 'redirect_uri') {
    return { error: 'redirect_uri_mismatch', error_description: 'The redirect_uri MUST match the registered callback URL for this application.', error_uri: `${DOCS}#redirect-uri-mismatch2` };
  }
  if (error.detail === 'code' || error.detail === 'pkce') {
    return { error: 'bad_verification_code', error_description: `The code passed is incorrect or expired. ${error.description}`, error_uri: `${DOCS}#bad-verification-code` };
  }
  return { error: error.error, error_description: error.description, error_uri: DOCS };
}

function parseScopes(raw: string | undefined): string[] {
  const scopes = [...new Set((raw ?? '').split(/[\s,]+/).filter(Boolean))];
  const unknown = scopes.find((s) => !(GITHUB_SCOPES as readonly string[]).includes(s));
  if (unknown !== undefined) throw new OAuthError('invalid_scope', `The scope ${unknown} is not a GitHub OAuth scope.`);
  return scopes;
}

function tokenFields(tokens: IssuedTokens): Fields {
  return {
    access_token: tokens.accessToken,
    expires_in: tokens.expiresIn,
    refresh_token: tokens.refreshToken,
    refresh_token_expires_in: tokens.refreshToken ? REFRESH_TOKEN_TTL_SECONDS : undefined,
    scope: tokens.grant.scopes.join(','),
    token_type: 'bearer',
  };
}

export function githubOAuthRoutes(core: VendorCore): HttpHandler[] {
  return [
    http.get(core.url('/login/oauth/authorize'), ({ request }) =>
      handleAuthorize(core, request, {
        flow: FLOW,
        responseTypeRequired: false,
        redirectUriRequired: false,
        scopeGroups: (params) => [{ label: 'Requested permissions', scopes: parseScopes(params.get('scope')) }],
        denyParams: {
          error_description: 'The user has denied your application access.',
          error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied',
        },
      }),
    ),

    http.post(core.url('/login/oauth/access_token'), async ({ request }) => {
      try {
        const params = await allParams(request);
        const credentials = clientCredentials(request, params);
        const client = core.clients.authenticate(credentials.clientId, credentials.clientSecret);
        const grantType = params.get('grant_type') ?? (params.has('refresh_token') ? 'refresh_token' : 'authorization_code');
        if (grantType === 'authorization_code') {
          const { pending, accountId } = core.authorizations.redeem({
            code: params.get('code'),
            flow: FLOW,
            clientId: client.clientId,
            redirectUri: params.get('redirect_uri'),
            codeVerifier: params.get('code_verifier'),
          });
          const expiring = client.expiringUserTokens === true;
          const tokens = core.tokens.issue({
            clientId: client.clientId,
            accountId,
            scopes: pending.scopeGroups.flatMap((g) => g.scopes),
            accessKind: expiring ? GITHUB_TOKEN_KINDS.expiringUser : GITHUB_TOKEN_KINDS.oauth,
            refreshKind: GITHUB_TOKEN_KINDS.refresh,
            accessTtlSeconds: expiring ? USER_TOKEN_TTL_SECONDS : null,
            withRefreshToken: expiring,
          });
          return reply(request, tokenFields(tokens));
        }
        if (grantType === 'refresh_token') {
          const tokens = core.tokens.refresh(params.get('refresh_token') ?? '', client.clientId, core.faults.settings.refreshInvalidGrant);
          return reply(request, tokenFields(tokens));
        }
        throw new OAuthError('unsupported_grant_type', `grant_type ${grantType} is not supported`);
      } catch (error) {
        if (error instanceof OAuthError) return reply(request, githubError(error));
        if (error instanceof BadRequestBody) return reply(request, { error: 'invalid_request', error_description: error.message, error_uri: DOCS });
        throw error;
      }
    }),
  ];
}
