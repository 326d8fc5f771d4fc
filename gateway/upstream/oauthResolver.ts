/**
 * Turns a connector's OAuth configuration into the concrete endpoints and client to use (UP-02).
 * Configured endpoints are used as they are. With `discovery: "mcp"` the gateway does what an MCP
 * client does with the upstream MCP server: an unauthenticated request, whose 401 names the
 * Protected Resource Metadata URL and the scope to ask for → that metadata (or the well-known
 * locations when the challenge names none) → authorization server metadata (the SDK's discovery,
 * in the spec's order) → PKCE S256 must be advertised → dynamic registration once, kept sealed in
 * the store so a restart does not register again. Scopes: the connector's, else the challenge's,
 * else `scopes_supported`. The token endpoint's client authentication follows what the server
 * advertises unless the connector says otherwise. Every fetch of an upstream-supplied URL goes
 * through the SSRF guard (SEC-03).
 */
import {
  discoverAuthorizationServerMetadata,
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
  registerClient,
  selectClientAuthMethod,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { initializeRequest, mcpHeaders } from '../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION } from '../../wire/protocolVersions.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { Logger } from '../logging/logger.ts';
import type { OutboundFetch } from '../net/outboundFetch.ts';
import { isGatewayResource } from '../oauth/resourceIndicators.ts';
import type { UpstreamClientStore } from '../store/store.ts';
import type { VaultCipher } from '../vault/vaultCipher.ts';
import { UpstreamOAuthError, type ResolvedOAuth } from './oauthDialect.ts';

export interface OAuthResolverDeps {
  readonly fetch: OutboundFetch;
  readonly clients: UpstreamClientStore;
  readonly vault: VaultCipher;
  /** The gateway's callback for every upstream. */
  readonly redirectUri: string;
  readonly logger: Logger;
}

export type OAuthResolver = (connector: ConnectorConfig) => Promise<ResolvedOAuth>;

const CACHE_MS = 10 * 60_000;

interface Registration {
  readonly client_id: string;
  readonly client_secret?: string;
  readonly token_endpoint_auth_method?: string;
}

export function createOAuthResolver({ fetch, clients, vault, redirectUri, logger }: OAuthResolverDeps): OAuthResolver {
  const cache = new Map<string, { value: ResolvedOAuth; at: number }>();
  const fetchFn = (url: string | URL, init?: RequestInit) =>
    fetch(url, { method: init?.method, headers: init?.headers as HeadersInit | undefined, body: init?.body as string | undefined, redirect: 'follow' });

  const registration = async (connector: ConnectorConfig, registrationEndpoint: string | undefined, authServer: string, metadata: unknown): Promise<Registration> => {
    const stored = await clients.get(connector.id);
    if (stored) return JSON.parse(vault.open(stored, `upstream-client:${connector.id}`)) as Registration;
    if (!registrationEndpoint) throw new UpstreamOAuthError('unsupported', `${connector.displayName} offers no dynamic registration; configure auth.oauth.clientId`);
    const registered = await registerClient(authServer, {
      metadata: metadata as never,
      clientMetadata: {
        client_name: 'Gangway AI Gateway',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
      fetchFn,
    });
    const kept: Registration = { client_id: registered.client_id, client_secret: registered.client_secret, token_endpoint_auth_method: registered.token_endpoint_auth_method };
    await clients.save(connector.id, vault.seal(JSON.stringify(kept), `upstream-client:${connector.id}`), Date.now());
    logger.info('upstream.client_registered', { connector_id: connector.id });
    return kept;
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
      : await registration(connector, metadata.registration_endpoint, authServer, metadata);
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
