/**
 * How a client gets its OAuth client_id, by registration style (profileTypes.ts):
 *  - CIMD: the client_id is the https URL of a metadata document the client publishes; used only
 *    when the AS advertises `client_id_metadata_document_supported` (AS-05/06, CLIENT-CHATGPT-02);
 *  - DCR (RFC 7591) through the SDK's registerClient: once per app and reused (ChatGPT), or anew on
 *    every Connect (Claude, CLIENT-CLAUDE-02);
 *  - neither offered → real-world failure #8.
 * A public client registers with token_endpoint_auth_method `none` when the AS allows it; otherwise
 * with the secret method the AS lists (the secret is then kept in memory only).
 */
import { registerClient } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { FlowFailure } from '../flowFailure.ts';
import type { ServerDiscovery } from './discovery.ts';

export interface RegisteredClient {
  /** The authorization server this client_id belongs to. */
  readonly issuer: string;
  readonly information: OAuthClientInformationMixed;
  readonly via: 'cimd' | 'dcr';
  /** False for a registration made ahead of the next Connect (Claude after invalid_client). */
  readonly used: boolean;
}

/** What a profile's registration style needs to decide. */
export interface RegistrationContext {
  readonly discovery: ServerDiscovery;
  /** The client this connection holds, if any. */
  readonly existing: RegisteredClient | undefined;
  /** The metadata document URL this connection publishes (CIMD-capable profiles). */
  readonly clientMetadataUrl: string | undefined;
  readonly clientMetadata: OAuthClientMetadata;
  readonly scope: string | undefined;
  readonly fetchFn: FetchLike;
}

export type RegistrationStrategy = (context: RegistrationContext) => Promise<RegisteredClient>;

export function tokenEndpointAuthMethod(supported: readonly string[] | undefined): 'none' | 'client_secret_post' | 'client_secret_basic' {
  // RFC 8414: an absent list means client_secret_basic only — but MCP servers that omit it accept public clients in practice.
  if (!supported || supported.includes('none')) return 'none';
  return supported.includes('client_secret_post') ? 'client_secret_post' : 'client_secret_basic';
}

export async function registerDynamically(context: RegistrationContext): Promise<RegisteredClient> {
  const { discovery } = context;
  if (!discovery.metadata.registration_endpoint) throw new FlowFailure('registration-unsupported', 'the authorization server offers neither CIMD nor dynamic client registration');
  const clientMetadata: OAuthClientMetadata = {
    ...context.clientMetadata,
    token_endpoint_auth_method: tokenEndpointAuthMethod(discovery.metadata.token_endpoint_auth_methods_supported),
  };
  try {
    const information = await registerClient(discovery.authorizationServerUrl, { metadata: discovery.metadata, clientMetadata, scope: context.scope, fetchFn: context.fetchFn });
    return { issuer: discovery.authorizationServerUrl, information, via: 'dcr', used: false };
  } catch (error) {
    throw new FlowFailure('registration-failed', 'dynamic client registration was refused', { cause: error });
  }
}

const sameServer = (client: RegisteredClient | undefined, discovery: ServerDiscovery): client is RegisteredClient =>
  client !== undefined && client.issuer === discovery.authorizationServerUrl;

/** ChatGPT: CIMD when advertised; else the app's own DCR client, registered once and reused. */
export const cimdOrDcrPerApp: RegistrationStrategy = async (context) => {
  const { discovery } = context;
  if (discovery.metadata.client_id_metadata_document_supported === true && context.clientMetadataUrl) {
    return { issuer: discovery.authorizationServerUrl, information: { client_id: context.clientMetadataUrl }, via: 'cimd', used: false };
  }
  if (sameServer(context.existing, discovery) && context.existing.via === 'dcr') return context.existing;
  return registerDynamically(context);
};

/** Claude: a new client for every Connect — except one registered after invalid_client and not yet used. */
export const dcrPerConnection: RegistrationStrategy = async (context) => {
  if (sameServer(context.existing, context.discovery) && !context.existing.used && context.existing.via === 'dcr') return context.existing;
  return registerDynamically(context);
};
