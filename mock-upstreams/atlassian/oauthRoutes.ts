/**
 * Atlassian OAuth 2.0 (3LO), in Atlassian's shape:
 *  - GET /authorize — `audience=api.atlassian.com` required, `prompt=consent`, space-separated
 *    classic scopes (`offline_access` asks for a refresh token), response_type=code, state, PKCE;
 *    Deny → error=access_denied.
 *  - POST /oauth/token — see tokenEndpoint.ts.
 *  - GET /oauth/token/accessible-resources — the cloud sites (cloud id) an OAuth token may use.
 */
import { http, type HttpHandler } from 'msw';
import { ATLASSIAN_SCOPES, type AtlassianFixture } from '../../fixtures/vendors/index.ts';
import type { Params } from '../core/http/requestParams.ts';
import { jsonResponse } from '../core/http/responses.ts';
import { handleAuthorize } from '../core/oauth/authorizeEndpoint.ts';
import { OAuthError } from '../core/oauth/oauthError.ts';
import type { VendorCore } from '../core/vendorCore.ts';
import { ATLASSIAN_AUDIENCE } from './profile.ts';
import { atlassianTokenEndpoint } from './tokenEndpoint.ts';

/** Space-separated Atlassian scopes; unknown ones are invalid_scope. */
export function parseAtlassianScopes(raw: string | undefined, fallback?: readonly string[]): string[] {
  const scopes = [...new Set((raw ?? '').split(' ').filter(Boolean))];
  if (scopes.length === 0) {
    if (fallback) return [...fallback];
    throw new OAuthError('invalid_scope', 'scope is required');
  }
  const unknown = scopes.find((s) => !(ATLASSIAN_SCOPES as readonly string[]).includes(s));
  if (unknown !== undefined) throw new OAuthError('invalid_scope', `The scope ${unknown} is not valid.`);
  return scopes;
}

function check3lo(params: Params): void {
  if (params.get('audience') !== ATLASSIAN_AUDIENCE) throw new OAuthError('invalid_request', `audience must be ${ATLASSIAN_AUDIENCE}`);
  const prompt = params.get('prompt');
  if (prompt !== undefined && prompt !== 'consent') throw new OAuthError('invalid_request', 'prompt must be consent');
}

export function atlassianOAuthRoutes(core: VendorCore, fixture: AtlassianFixture): HttpHandler[] {
  return [
    http.get(core.url('/authorize'), ({ request }) =>
      handleAuthorize(core, request, {
        flow: '3lo',
        responseTypeRequired: true,
        redirectUriRequired: true,
        check: check3lo,
        scopeGroups: (params) => [{ label: 'Requested permissions', scopes: parseAtlassianScopes(params.get('scope')) }],
        denyParams: { error_description: 'User did not authorize the request' },
      }),
    ),
    atlassianTokenEndpoint(core, { path: '/oauth/token', flow: '3lo', refreshWhen: (s) => s.includes('offline_access'), invalidGrantStatus: 403 }),
    http.get(core.url('/oauth/token/accessible-resources'), ({ request }) => {
      const outcome = core.authenticate(request);
      if (!outcome.ok || outcome.caller.via !== 'oauth') return jsonResponse({ code: 401, message: 'Unauthorized' }, 401);
      return jsonResponse([
        {
          id: fixture.site.cloudId,
          url: core.baseUrl,
          name: fixture.site.name,
          scopes: [...outcome.caller.scopes].filter((s) => s !== 'offline_access'),
          avatarUrl: `${core.baseUrl}/avatars/site.png`,
        },
      ]);
    }),
  ];
}
