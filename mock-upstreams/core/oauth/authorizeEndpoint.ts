/**
 * The shared part of every vendor's authorization endpoint (RFC 6749 §4.1.1, §4.1.2.1):
 *  1. client_id must be registered — or, where the flow takes them, a Client ID Metadata Document
 *     URL whose document checks out — and redirect_uri allowed for it; otherwise an error *page*,
 *     never a redirect (an unchecked redirect URI would make the mock an open redirector);
 *  2. then response_type, PKCE (S256 only; required for public clients), the vendor's own checks
 *     (Atlassian: audience) and scopes — failures go back to the redirect URI with `error` + `state`;
 *  3. a pending authorization is stored and the browser goes on to login / consent.
 * Redirects carry RFC 9207 `iss` when the flow names its issuer (issuerParameter.ts).
 */
import { BadRequestBody, queryParams, type Params } from '../http/requestParams.ts';
import { htmlResponse, redirect } from '../http/responses.ts';
import type { VendorCore } from '../vendorCore.ts';
import type { ScopeGroup } from './authorizationRequests.ts';
import type { OAuthClient } from './clientRegistry.ts';
import { ClientMetadataRefused, documentClient } from './clientMetadataDocuments.ts';
import { beginInteraction } from './interactionRoutes.ts';
import { problemPage } from './interactionPages.ts';
import { issParameter } from './issuerParameter.ts';
import { OAuthError } from './oauthError.ts';
import { readPkceChallenge } from './pkce.ts';
import { withQuery } from './redirectUris.ts';

export interface AuthorizeEndpointOptions {
  /** Ties codes to this endpoint's token endpoint (e.g. `3lo` vs `mcp`). */
  readonly flow: string;
  /** RFC 6749 requires response_type=code; GitHub and Slack do not ask for it. */
  readonly responseTypeRequired: boolean;
  /** GitHub falls back to the app's registered callback when redirect_uri is omitted. */
  readonly redirectUriRequired: boolean;
  /** Vendor scope parsing: the groups shown on the consent page (throw OAuthError invalid_scope). */
  readonly scopeGroups: (params: Params, client: OAuthClient) => ScopeGroup[];
  /** Vendor-specific checks, e.g. Atlassian's audience; throw OAuthError. */
  readonly check?: ((params: Params) => void) | undefined;
  /** RFC 8707: when set, a `resource` parameter must equal this URL. */
  readonly resource?: string | undefined;
  readonly denyParams?: Readonly<Record<string, string>> | undefined;
  /** RFC 9207: the issuer this flow's server advertises `iss` for (its metadata's issuer). */
  readonly issuer?: string | undefined;
  /** Whether a URL client_id may name a Client ID Metadata Document here (and the knob is on). */
  readonly clientIdMetadataDocuments?: boolean | undefined;
}

async function findClient(core: VendorCore, clientId: string, options: AuthorizeEndpointOptions): Promise<OAuthClient | undefined> {
  return core.clients.find(clientId) ?? (options.clientIdMetadataDocuments ? await documentClient(core, clientId) : undefined);
}

export async function handleAuthorize(core: VendorCore, request: Request, options: AuthorizeEndpointOptions): Promise<Response> {
  const { brand } = core.profile;
  const page = (message: string) => htmlResponse(problemPage(brand, 'Something went wrong', message), 400);

  let params: Params;
  try {
    params = queryParams(request);
  } catch (error) {
    if (error instanceof BadRequestBody) return page(error.message);
    throw error;
  }
  const clientId = params.get('client_id');
  let client: OAuthClient | undefined;
  try {
    client = clientId ? await findClient(core, clientId, options) : undefined;
  } catch (error) {
    if (error instanceof ClientMetadataRefused) return page(error.message);
    throw error;
  }
  if (!client) return page(clientId ? 'The client_id does not belong to a registered application.' : 'client_id is required.');

  const sentRedirectUri = params.get('redirect_uri');
  const registered = Array.isArray(client.redirectUris) ? (client.redirectUris as readonly string[])[0] : undefined;
  const redirectUri = sentRedirectUri ?? (options.redirectUriRequired ? undefined : registered);
  if (redirectUri === undefined) return page('redirect_uri is required.');
  if (sentRedirectUri !== undefined && !core.clients.redirectAllowed(client, sentRedirectUri)) {
    return page('The redirect_uri is not associated with this application.');
  }

  const state = params.get('state');
  try {
    const responseType = params.get('response_type');
    if (options.responseTypeRequired || responseType !== undefined) {
      if (responseType !== 'code') throw new OAuthError('unsupported_response_type', 'response_type must be code');
    }
    const pkce = readPkceChallenge(params.get('code_challenge'), params.get('code_challenge_method'), client.clientSecret === undefined);
    options.check?.(params);
    const resource = params.get('resource');
    if (resource !== undefined && options.resource !== undefined && resource !== options.resource) {
      throw new OAuthError('invalid_target', `resource must be ${options.resource}`);
    }
    const scopeGroups = options.scopeGroups(params, client);
    const pending = core.authorizations.start({
      flow: options.flow,
      client,
      redirectUri,
      redirectUriSent: sentRedirectUri !== undefined,
      state,
      pkce,
      scopeGroups,
      // Flows without an RFC 8707 resource (3LO, GitHub, Slack) ignore the parameter.
      resource: options.resource,
      denyParams: options.denyParams ?? {},
      issuer: options.issuer,
    });
    return beginInteraction(core, request, pending);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    return redirect(withQuery(redirectUri, { error: error.error, error_description: error.description, state, ...issParameter(core, { issuer: options.issuer }) }));
  }
}
