/**
 * Atlassian's remote MCP server as a generic MCP-OAuth upstream (what mcp.atlassian.com offers):
 *  - RFC 9728 Protected Resource Metadata at /.well-known/oauth-protected-resource/v1/mcp (and the
 *    root), `resource` = the MCP URL, the issuer as authorization server;
 *  - RFC 8414 metadata at /.well-known/oauth-authorization-server (S256 only, `none` auth allowed,
 *    `authorization_response_iss_parameter_supported`; `client_id_metadata_document_supported`
 *    while the clientIdMetadataDocuments knob is on);
 *  - RFC 7591 registration at /v1/register (public clients, PKCE required, application_type kept);
 *  - Client ID Metadata Documents: a URL client_id at /v1/authorize is fetched and checked
 *    (core/oauth/clientMetadataDocuments.ts) — the 2026-07-28 way in, before registration;
 *  - /v1/authorize and /v1/token (RFC 8707 `resource` must be the MCP URL); the authorization
 *    responses carry RFC 9207 `iss` = the issuer (the authorizationResponseIss knob changes it).
 * The same login and consent pages and the same token store as 3LO, so a token from either works.
 */
import { http, type HttpHandler } from 'msw';
import { ATLASSIAN_SCOPES } from '../../fixtures/vendors/index.ts';
import { jsonResponse } from '../core/http/responses.ts';
import { handleAuthorize } from '../core/oauth/authorizeEndpoint.ts';
import { OAuthError } from '../core/oauth/oauthError.ts';
import type { VendorCore } from '../core/vendorCore.ts';
import { parseAtlassianScopes } from './oauthRoutes.ts';
import { atlassianTokenEndpoint } from './tokenEndpoint.ts';

/** What an MCP client gets when it asks for no scope: every tool, and a refresh token. */
const DEFAULT_MCP_SCOPES = ATLASSIAN_SCOPES;

export function protectedResourceMetadataUrl(core: VendorCore): string {
  return core.url(`/.well-known/oauth-protected-resource${core.profile.mcpPath}`);
}

export function atlassianMcpOAuthRoutes(core: VendorCore): HttpHandler[] {
  const prm = () =>
    jsonResponse(
      {
        resource: core.mcpUrl,
        authorization_servers: [core.baseUrl],
        scopes_supported: ATLASSIAN_SCOPES,
        bearer_methods_supported: ['header'],
        resource_name: 'Atlassian Rovo MCP Server (mock)',
      },
      200,
      { 'access-control-allow-origin': '*' },
    );
  const asMetadata = () =>
    jsonResponse(
      {
        issuer: core.baseUrl,
        authorization_endpoint: core.url('/v1/authorize'),
        token_endpoint: core.url('/v1/token'),
        registration_endpoint: core.url('/v1/register'),
        scopes_supported: ATLASSIAN_SCOPES,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none', 'client_secret_post', 'client_secret_basic'],
        // Advertised even when the knob leaves `iss` out: that is the fault a client must catch.
        authorization_response_iss_parameter_supported: true,
        ...(core.faults.settings.clientIdMetadataDocuments === 'off' ? {} : { client_id_metadata_document_supported: true }),
      },
      200,
      { 'access-control-allow-origin': '*' },
    );

  return [
    http.get(protectedResourceMetadataUrl(core), prm),
    http.get(core.url('/.well-known/oauth-protected-resource'), prm),
    http.get(core.url('/.well-known/oauth-authorization-server'), asMetadata),
    http.post(core.url('/v1/register'), async ({ request }) => {
      let metadata: unknown;
      try {
        metadata = await request.json();
      } catch {
        return jsonResponse({ error: 'invalid_client_metadata', error_description: 'the body must be a JSON object' }, 400);
      }
      try {
        return jsonResponse(core.clients.register(metadata, ATLASSIAN_SCOPES).response, 201);
      } catch (error) {
        if (error instanceof OAuthError) return jsonResponse({ error: error.error, error_description: error.description }, 400);
        throw error;
      }
    }),
    http.get(core.url('/v1/authorize'), ({ request }) =>
      handleAuthorize(core, request, {
        flow: 'mcp',
        responseTypeRequired: true,
        redirectUriRequired: true,
        resource: core.mcpUrl,
        scopeGroups: (params) => [{ label: 'Requested permissions', scopes: parseAtlassianScopes(params.get('scope'), DEFAULT_MCP_SCOPES) }],
        denyParams: { error_description: 'User did not authorize the request' },
        issuer: core.baseUrl,
        clientIdMetadataDocuments: true,
      }),
    ),
    atlassianTokenEndpoint(core, { path: '/v1/token', flow: 'mcp', refreshWhen: () => true, resource: core.mcpUrl, invalidGrantStatus: 400 }),
  ];
}
