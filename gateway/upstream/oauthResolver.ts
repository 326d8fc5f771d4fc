/**
 * Turns a connector's OAuth configuration into the concrete endpoints and client to use (UP-02).
 * Configured endpoints are used as they are. With `discovery: "mcp"` the gateway does what an MCP
 * client does with the upstream MCP server: an unauthenticated request, whose 401 names the
 * Protected Resource Metadata URL and the scope to ask for → that metadata (or the well-known
 * locations when the challenge names none) → authorization server metadata (the SDK's discovery,
 * in the spec's order) → PKCE S256 must be advertised → the client, in the 2026-07-28 order: the
 * connector's configured client (or a registration already held with this issuer — its connections'
 * refresh tokens belong to it); else the gateway's own Client ID Metadata Document when the server
 * advertises `client_id_metadata_document_supported` (no registration at all; oauthClientMetadata.ts
 * says when an http gateway may offer it); else dynamic registration with `application_type` and
 * `grant_types`, once, kept sealed in the store with the issuer that registered it (another issuer
 * → register again, as "Authorization Server Binding" asks). Scopes: the connector's, else the
 * challenge's, else `scopes_supported`. The token endpoint's client authentication follows what the
 * server advertises unless the connector says otherwise. The metadata's issuer and its RFC 9207
 * `authorization_response_iss_parameter_supported` travel with the result for the callback's check.
 * Every fetch of an upstream-supplied URL goes through the SSRF guard (SEC-03).
 */
import {
  discoverAuthorizationServerMetadata,
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
  registerClient,
  selectClientAuthMethod,
} from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { initializeRequest, mcpHeaders } from '../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION } from '../../wire/protocolVersions.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { Logger } from '../logging/logger.ts';
import type { OutboundFetch } from '../net/outboundFetch.ts';
import { isGatewayResource } from '../oauth/resourceIndicators.ts';
import type { UpstreamClientStore } from '../store/store.ts';
import type { VaultCipher } from '../vault/vaultCipher.ts';
import { applicationTypeFor, clientIdUsableWith, clientMetadataUrlFor, GATEWAY_CLIENT_NAME } from './oauthClientMetadata.ts';
import { UpstreamOAuthError, type ResolvedOAuth } from './oauthDialect.ts';

export interface OAuthResolverDeps {
  readonly fetch: OutboundFetch;
  readonly clients: UpstreamClientStore;
  readonly vault: VaultCipher;
  /** The gateway's callback for every upstream. */
  readonly redirectUri: string;
  /**
   * The gateway's Client ID Metadata Document URL; by default the one served next to the callback
   * (upstreamCallbackRoutes.ts). `null`: never offer one (a composition that serves no document).
   */
  readonly clientMetadataUrl?: string | null;
  readonly logger: Logger;
}

export type OAuthResolver = (connector: ConnectorConfig) => Promise<ResolvedOAuth>;

const CACHE_MS = 10 * 60_000;

interface Registration {
  readonly client_id: string;
  readonly client_secret?: string;
  readonly token_endpoint_auth_method?: string;
  /** The authorization server that issued it; absent in registrations kept before it was recorded. */
  readonly issuer?: string;
}

export function createOAuthResolver({ fetch, clients, vault, redirectUri, logger, ...deps }: OAuthResolverDeps): OAuthResolver {
  const clientMetadataUrl = deps.clientMetadataUrl === null ? undefined : (deps.clientMetadataUrl ?? clientMetadataUrlFor(redirectUri));
  const cache = new Map<string, { value: ResolvedOAuth; at: number }>();
  const fetchFn = (url: string | URL, init?: RequestInit) =>
    fetch(url, { method: init?.method, headers: init?.headers as HeadersInit | undefined, body: init?.body as string | undefined, redirect: 'follow' });

  /**
   * A registration this gateway already holds with this issuer (one kept before issuers were
   * recorded counts too). It comes before the document: the connections made with it hold refresh
   * tokens issued to that client_id, which another client_id could not refresh.
   */
  const heldRegistration = async (connector: ConnectorConfig, issuer: string): Promise<Registration | undefined> => {
    const stored = await clients.get(connector.id);
    const kept = stored ? (JSON.parse(vault.open(stored, `upstream-client:${connector.id}`)) as Registration) : undefined;
    return kept && (kept.issuer === undefined || kept.issuer === issuer) ? kept : undefined;
  };

  const registration = async (connector: ConnectorConfig, registrationEndpoint: string | undefined, authServer: string, metadata: { issuer: string }): Promise<Registration> => {
    if (!registrationEndpoint) {
      throw new UpstreamOAuthError('unsupported', `${connector.displayName} offers neither Client ID Metadata Documents nor dynamic registration; configure auth.oauth.clientId`);
    }
    const clientMetadata = {
      client_name: GATEWAY_CLIENT_NAME,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      // 2026-07-28: registration MUST carry the right application_type (oauthClientMetadata.ts).
      application_type: applicationTypeFor(redirectUri),
    };
    // What is stored now (a registration for another issuer, or nothing) is what this one replaces.
    const replacing = await clients.get(connector.id);
    const registered = await registerClient(authServer, { metadata: metadata as never, clientMetadata: clientMetadata as OAuthClientMetadata, fetchFn }).catch((error: unknown) => {
      throw new UpstreamOAuthError('registration_failed', `${connector.displayName} refused the gateway's registration (${error instanceof Error ? error.message.slice(0, 200) : 'no reason given'})`);
    });
    const fresh: Registration = {
      client_id: registered.client_id,
      client_secret: registered.client_secret,
      token_endpoint_auth_method: registered.token_endpoint_auth_method,
      issuer: metadata.issuer,
    };
    if (!(await clients.save(connector.id, vault.seal(JSON.stringify(fresh), `upstream-client:${connector.id}`), Date.now(), replacing))) {
      // Another replica registered at the same moment and stored first: every replica uses that one.
      const winner = await heldRegistration(connector, metadata.issuer);
      if (winner) return winner;
    }
    logger.info('upstream.client_registered', { connector_id: connector.id, application_type: clientMetadata.application_type });
    return fresh;
  };

  /** The gateway's own document as the client: a public client, nothing registered or stored. */
  const documentClient = (connector: ConnectorConfig, url: string): Registration => {
    logger.info('upstream.client_metadata_document_used', { connector_id: connector.id });
    return { client_id: url, token_endpoint_auth_method: 'none' };
  };

  /** What the MCP server's 401 says: where its metadata is and which scope to ask for. */
  const challengeOf = async (connector: ConnectorConfig): Promise<{ resourceMetadataUrl?: URL; scope?: string }> => {
    try {
      const initialize = initializeRequest(LATEST_STATEFUL_REVISION, { name: 'gangway-gateway', version: '0.1.0' }, 0);
      const response = await fetch(connector.mcpUrl, { method: 'POST', headers: mcpHeaders(LATEST_STATEFUL_REVISION, initialize), body: JSON.stringify(initialize) });
      await response.body?.cancel().catch(() => undefined);
      return response.status === 401 ? extractWWWAuthenticateParams(response) : {};
    } catch {
      return {};
    }
  };

  const discover = async (connector: ConnectorConfig): Promise<ResolvedOAuth> => {
    const oauth = connector.auth.oauth!;
    const challenge = await challengeOf(connector);
    const prm = await discoverOAuthProtectedResourceMetadata(connector.mcpUrl, challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}, fetchFn).catch(() => {
      throw new UpstreamOAuthError('discovery_failed', `${connector.displayName} publishes no OAuth Protected Resource Metadata`);
    });
    if (!isGatewayResource(String(prm.resource), connector.mcpUrl)) {
      throw new UpstreamOAuthError('discovery_failed', `${connector.displayName}'s metadata names another resource (${String(prm.resource).slice(0, 100)})`);
    }
    const authServer = prm.authorization_servers?.[0];
    if (!authServer) throw new UpstreamOAuthError('discovery_failed', `${connector.displayName}'s metadata lists no authorization server`);
    const metadata = await discoverAuthorizationServerMetadata(authServer, { fetchFn });
    if (!metadata) throw new UpstreamOAuthError('discovery_failed', `${connector.displayName}'s authorization server publishes no metadata`);
    if (!metadata.code_challenge_methods_supported?.includes('S256')) {
      throw new UpstreamOAuthError('discovery_failed', `${connector.displayName}'s authorization server does not advertise PKCE S256`);
    }
    const client = oauth.clientId
      ? {
          client_id: oauth.clientId,
          client_secret: oauth.clientSecret,
          // Unless the connector says how, authenticate the way the server advertises (RFC 8414 §2).
          token_endpoint_auth_method:
            oauth.clientAuthMethod ??
            selectClientAuthMethod({ client_id: oauth.clientId, ...(oauth.clientSecret ? { client_secret: oauth.clientSecret } : {}) }, metadata.token_endpoint_auth_methods_supported ?? []),
        }
      : ((await heldRegistration(connector, metadata.issuer)) ??
        (metadata.client_id_metadata_document_supported === true && clientMetadataUrl && clientIdUsableWith(clientMetadataUrl, metadata.issuer)
          ? documentClient(connector, clientMetadataUrl)
          : await registration(connector, metadata.registration_endpoint, authServer, metadata)));
    const method = client.token_endpoint_auth_method;
    return {
      authorizationUrl: metadata.authorization_endpoint,
      tokenUrl: metadata.token_endpoint,
      revocationUrl: (metadata as { revocation_endpoint?: string }).revocation_endpoint,
      clientId: client.client_id,
      clientSecret: client.client_secret,
      clientAuthMethod: method === 'client_secret_basic' || method === 'none' ? method : 'client_secret_post',
      tokenRequestFormat: 'form',
      tokenResponse: 'standard',
      scopes: oauth.scopes.length ? oauth.scopes : challenge.scope ? challenge.scope.split(' ').filter(Boolean) : (prm.scopes_supported ?? []),
      scopeSeparator: ' ',
      userScopes: undefined,
      extraAuthorizeParams: oauth.extraAuthorizeParams,
      pkce: true,
      resource: connector.mcpUrl,
      issuer: metadata.issuer,
      issParameterSupported: (metadata as { authorization_response_iss_parameter_supported?: unknown }).authorization_response_iss_parameter_supported === true,
    };
  };

  const configured = (connector: ConnectorConfig): ResolvedOAuth => {
    const oauth = connector.auth.oauth!;
    return {
      authorizationUrl: oauth.authorizationUrl!,
      tokenUrl: oauth.tokenUrl!,
      revocationUrl: oauth.revocationUrl,
      clientId: oauth.clientId!,
      clientSecret: oauth.clientSecret,
      clientAuthMethod: oauth.clientAuthMethod ?? 'client_secret_post',
      tokenRequestFormat: oauth.tokenRequestFormat,
      tokenResponse: oauth.tokenResponse,
      scopes: oauth.scopes,
      scopeSeparator: oauth.scopeSeparator,
      userScopes: oauth.userScopes,
      extraAuthorizeParams: oauth.extraAuthorizeParams,
      pkce: oauth.pkce,
      resource: undefined,
      // No validated metadata, so no recorded issuer: the callback's iss check cannot apply.
      issuer: undefined,
      issParameterSupported: false,
    };
  };

  return async (connector) => {
    if (!connector.auth.oauth) throw new UpstreamOAuthError('unsupported', `${connector.displayName} does not offer OAuth here`);
    const hit = cache.get(connector.id);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const value = connector.auth.oauth.discovery === 'mcp' ? await discover(connector) : configured(connector);
    cache.set(connector.id, { value, at: Date.now() });
    return value;
  };
}
