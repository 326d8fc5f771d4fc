/**
 * Atlassian's token endpoints, one implementation for two flows:
 *  - 3LO `/oauth/token`: JSON body (form also accepted), confidential client; a refresh token only
 *    when the grant included `offline_access`; errors as JSON, invalid_grant with HTTP 403 as
 *    Atlassian answers an unknown or reused refresh token.
 *  - MCP-OAuth `/v1/token`: RFC 6749 form body, public (PKCE) or confidential clients, RFC 8707
 *    `resource` checked against the MCP URL, refresh tokens always, RFC status codes.
 * Refresh tokens rotate in both (TokenStore): the used one dies, reusing it is invalid_grant.
 */
import { http, type HttpHandler } from 'msw';
import { bodyParams, BadRequestBody } from '../core/http/requestParams.ts';
import { jsonResponse } from '../core/http/responses.ts';
import { clientCredentials } from '../core/oauth/clientCredentials.ts';
import { OAuthError } from '../core/oauth/oauthError.ts';
import type { IssuedTokens } from '../core/oauth/tokenStore.ts';
import type { VendorCore } from '../core/vendorCore.ts';
import { ATLASSIAN_TOKEN_KINDS } from './profile.ts';

const ACCESS_TTL_SECONDS = 3600;

export interface AtlassianTokenFlow {
  readonly path: string;
  readonly flow: '3lo' | 'mcp';
  /** 3LO: only with offline_access. MCP-OAuth: always. */
  readonly refreshWhen: (scopes: readonly string[]) => boolean;
  /** MCP-OAuth: the RFC 8707 resource tokens are bound to. */
  readonly resource?: string | undefined;
  /** 3LO answers invalid_grant with 403, as Atlassian does; MCP-OAuth with the RFC's 400. */
  readonly invalidGrantStatus: 400 | 403;
}

function tokenBody(tokens: IssuedTokens): Record<string, unknown> {
  return {
    access_token: tokens.accessToken,
    expires_in: tokens.expiresIn,
    token_type: 'Bearer',
    ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
    scope: tokens.grant.scopes.join(' '),
  };
}

export function atlassianTokenEndpoint(core: VendorCore, options: AtlassianTokenFlow): HttpHandler {
  return http.post(core.url(options.path), async ({ request }) => {
    try {
      const params = await bodyParams(request);
      const credentials = clientCredentials(request, params);
      const client = core.clients.authenticate(credentials.clientId, credentials.clientSecret);
      // RFC 8707 on the MCP-OAuth endpoint; 3LO has no resource indicator and ignores the parameter.
      const resource = params.get('resource');
      if (options.resource !== undefined && resource !== undefined && resource !== options.resource) {
        throw new OAuthError('invalid_target', `resource must be ${options.resource}`);
      }
      const grantType = params.get('grant_type');
      if (grantType === 'authorization_code') {
        const { pending, accountId } = core.authorizations.redeem({
          code: params.get('code'),
          flow: options.flow,
          clientId: client.clientId,
          redirectUri: params.get('redirect_uri'),
          codeVerifier: params.get('code_verifier'),
        });
        const scopes = pending.scopeGroups.flatMap((g) => g.scopes);
        const tokens = core.tokens.issue({
          clientId: client.clientId,
          accountId,
          scopes,
          accessKind: ATLASSIAN_TOKEN_KINDS.access,
          refreshKind: ATLASSIAN_TOKEN_KINDS.refresh,
          accessTtlSeconds: ACCESS_TTL_SECONDS,
          withRefreshToken: options.refreshWhen(scopes),
          resource: pending.resource,
        });
        return jsonResponse(tokenBody(tokens));
      }
      if (grantType === 'refresh_token') {
        const tokens = core.tokens.refresh(params.get('refresh_token') ?? '', client.clientId, core.faults.settings.refreshInvalidGrant);
        return jsonResponse(tokenBody(tokens));
      }
      throw new OAuthError('unsupported_grant_type', grantType === undefined ? 'grant_type is required' : `grant_type ${grantType} is not supported`);
    } catch (error) {
      if (error instanceof BadRequestBody) return jsonResponse({ error: 'invalid_request', error_description: error.message }, 400);
      if (!(error instanceof OAuthError)) throw error;
      const status = error.error === 'invalid_grant' ? options.invalidGrantStatus : error.status;
      return jsonResponse({ error: error.error, error_description: error.description }, status);
    }
  });
}
