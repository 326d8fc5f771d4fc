/**
 * ChatGPT's facts and connection policy.
 * CLIENT-CHATGPT-01  redirect https://chatgpt.com/connector/oauth/{callback_id}, one callback id per app
 * CLIENT-CHATGPT-02  CIMD when the AS advertises it (the app's metadata document on chatgpt.com), else DCR once per app
 * CLIENT-CHATGPT-03  `resource` and PKCE S256 (the shared core)
 * CLIENT-CHATGPT-04  every OIDC scope the AS advertises, plus the challenge/PRM scope
 * CLIENT-CHATGPT-07  tools re-listed only on Refresh
 */
import type { ClientPolicy } from '../core/connections/connectionFlow.ts';
import type { ServerConnection } from '../core/connections/connection.ts';
import { cimdOrDcrPerApp } from '../core/oauth/registration.ts';
import type { ClientProfileInfo } from '../core/profileTypes.ts';

export const CHATGPT_ORIGIN = 'https://chatgpt.com';
export const CHATGPT_CALLBACK_PREFIX = '/connector/oauth/';
export const CHATGPT_LEGACY_CALLBACK = '/connector_platform_oauth_redirect';
export const CHATGPT_METADATA_PREFIX = '/oauth/client-metadata/';

export const chatgptRedirectUri = (callbackId: string) => `${CHATGPT_ORIGIN}${CHATGPT_CALLBACK_PREFIX}${callbackId}`;
export const chatgptClientMetadataUrl = (callbackId: string) => `${CHATGPT_ORIGIN}${CHATGPT_METADATA_PREFIX}${callbackId}.json`;

export const CHATGPT_IDENTITY = { name: 'openai-mcp', version: '1.0.0' } as const;

export function chatgptInfo(listenUrl: string): ClientProfileInfo {
  return {
    id: 'chatgpt',
    displayName: 'ChatGPT',
    origin: CHATGPT_ORIGIN,
    listenUrl,
    startUrl: `${CHATGPT_ORIGIN}/`,
    redirectUris: [chatgptRedirectUri('{callback_id}')],
    registrationStyle: 'cimd-or-dcr-per-app',
    clientMetadataUrl: chatgptClientMetadataUrl('{callback_id}'),
    mcpClientName: CHATGPT_IDENTITY.name,
  };
}

/** What ChatGPT says about itself, in DCR requests and in its metadata documents alike. */
function chatgptClientMetadata() {
  return { client_name: 'ChatGPT', client_uri: CHATGPT_ORIGIN, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] };
}

/** What an app registers by dynamic registration when the AS offers no CIMD (one callback id per app). */
export function chatgptRegistrationMetadata(callbackId: string) {
  return { ...chatgptClientMetadata(), redirect_uris: [chatgptRedirectUri(callbackId)] };
}

/** The Client ID Metadata Document an app publishes (draft-ietf-oauth-client-id-metadata-document). */
export function chatgptClientMetadataDocument(connection: Pick<ServerConnection, 'callbackId'>): Record<string, unknown> {
  const { client_name, client_uri, grant_types, response_types } = chatgptClientMetadata();
  return {
    client_id: chatgptClientMetadataUrl(connection.callbackId),
    client_name,
    client_uri,
    redirect_uris: [chatgptRedirectUri(connection.callbackId)],
    grant_types,
    response_types,
    token_endpoint_auth_method: 'none',
    application_type: 'web',
  };
}

export const chatgptPolicy: ClientPolicy = {
  profile: 'chatgpt',
  identity: CHATGPT_IDENTITY,
  resourceMatch: 'prefix',
  scopePolicy: 'oidc-and-challenge',
  registration: cimdOrDcrPerApp,
  reRegisterOnInvalidClient: false,
  redirectUri: (connection) => chatgptRedirectUri(connection.callbackId),
  clientMetadata: chatgptClientMetadata,
  clientMetadataUrl: (connection) => chatgptClientMetadataUrl(connection.callbackId),
};
