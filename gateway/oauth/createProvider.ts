/**
 * The gateway's OAuth 2.1 authorization server: oidc-provider configured for MCP clients.
 *
 * AS-01/02  discovery (RFC 8414 alias in authServerMetadata.ts); issuer = the public origin
 * AS-03     PKCE required for every client; oidc-provider accepts only S256 and advertises it
 * AS-04     resource indicators → JWT access tokens with aud = the MCP URL (resourceIndicators.ts)
 * AS-05/06  Client ID Metadata Documents, fetched through the SSRF guard (net/outboundFetch.ts)
 * AS-07     open dynamic client registration, persisted through the store adapter
 * AS-08     interactions (login, consent) are the gateway's own pages; cookies `__Host-` under https
 * AUTH-11   refresh tokens rotate on every use; reuse of a rotated one revokes the grant
 * AUTH-12   exact redirect URIs, loopback on any port (loopbackRedirects.ts)
 */
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { ResolvedConfig } from '../config/loadConfig.ts';
import type { Logger } from '../logging/logger.ts';
import type { OutboundFetch } from '../net/outboundFetch.ts';
import { createOidcAdapterClass } from '../store/oidcAdapter.ts';
import type { GatewayStore } from '../store/store.ts';
import { gatewayClientMetadata } from './clientPolicy.ts';
import { installLoopbackRedirectRule } from './loopbackRedirects.ts';
import { resourceIndicatorsFeature, type ProtectedResources } from './resourceIndicators.ts';
import { ALL_SCOPES } from './scopes.ts';
import type { SigningKeys } from './signingKeys.ts';

export const OAUTH_ROUTES = {
  authorization: '/authorize',
  token: '/token',
  registration: '/register',
  revocation: '/revoke',
  jwks: '/jwks',
  userinfo: '/userinfo',
  end_session: '/logout',
} as const;

export const INTERACTION_PATH = '/interaction';

/** Claim carrying the grant id in access tokens, so the MCP endpoint can honour revocation at once. */
export const GRANT_ID_CLAIM = 'gid';

export interface ProviderDeps {
  readonly config: ResolvedConfig;
  readonly store: GatewayStore;
  readonly keys: SigningKeys;
  readonly logger: Logger;
  readonly fetch: OutboundFetch;
  /** The MCP endpoints tokens are issued for (resourceIndicators.ts). */
  readonly resources: ProtectedResources;
  /** Renders oidc-provider's own error pages (bad client_id, bad redirect_uri) in the gateway's style. */
  readonly renderError: NonNullable<Configuration['renderError']>;
  /** The gateway's sign-out confirm and signed-out pages: the defaults need inline script the CSP blocks. */
  readonly logoutPages: Pick<NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>, 'logoutSource' | 'postLogoutSuccessSource'>;
}

export function createProvider({ config, store, keys, logger, fetch, resources, renderError, logoutPages }: ProviderDeps): Provider {
  const secureCookies = config.issuer.startsWith('https://');
  // `__Host-` needs Secure, Path=/ and no Domain; the resume cookie's path is fixed by
  // oidc-provider to the authorization endpoint, so it gets the weaker `__Secure-` prefix.
  const cookieName = (name: string, prefix: '__Host-' | '__Secure-' = '__Host-') => (secureCookies ? `${prefix}${name}` : name);
  const ttl = config.tokens;

  const configuration: Configuration = {
    adapter: createOidcAdapterClass(store.oidc, { unusedClientTtlSeconds: config.registration.unusedClientTtlSeconds }),
    jwks: keys.jwks as Configuration['jwks'],
    cookies: {
      keys: keys.cookieKeys,
      names: {
        session: cookieName('gw.session'),
        interaction: cookieName('gw.interaction'),
        resume: cookieName('gw.resume', '__Secure-'),
      },
      long: { httpOnly: true, sameSite: 'lax', secure: secureCookies, signed: true },
      short: { httpOnly: true, sameSite: 'lax', secure: secureCookies, signed: true, path: '/' },
    },
    routes: OAUTH_ROUTES,
    scopes: [...ALL_SCOPES],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    responseTypes: ['code'],
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post'],
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
    },
    extraClientMetadata: gatewayClientMetadata(config.registration.maxRedirectUris),
    pkce: { required: () => true },
    rotateRefreshToken: true,
    // Refresh tokens for any client allowed the grant, not only on offline_access: MCP clients that
    // follow the 401 challenge ask for `mcp:tools` alone, and without a refresh token they end in
    // "Connection expired" (real-world failure #9).
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') &&
      (code.scopes.has('offline_access') || [code.resource ?? []].flat().some((r) => resources.canonical(String(r)) !== undefined)),
    ttl: {
      AccessToken: ttl.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: ttl.refreshTokenTtlSeconds,
      RefreshToken: ttl.refreshTokenTtlSeconds,
    },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false, issueRegistrationAccessToken: false },
      revocation: { enabled: true },
      introspection: { enabled: false },
      // The MCP endpoint accepts Bearer tokens only; a DPoP-bound token it cannot check must not exist.
      dPoP: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, ...logoutPages },
      resourceIndicators: resourceIndicatorsFeature({ resources, accessTokenTtlSeconds: ttl.accessTokenTtlSeconds }),
      ...({
        clientIdMetadataDocument: {
          enabled: config.cimd.enabled,
          ack: 'draft-02',
          cacheDuration: { min: 60, max: 24 * 3600 },
        },
      } as Record<string, unknown>),
    },
    extraTokenClaims: async (_ctx, token) => (token.kind === 'AccessToken' && token.grantId ? { [GRANT_ID_CLAIM]: token.grantId } : undefined),
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      // AS-08: the per-user registry of approved clients is consulted before any stored grant is
      // reused; a client the user never approved always gets the consent page.
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      const fromInteraction = ctx.oidc.result?.consent?.grantId;
      if (fromInteraction) return ctx.oidc.provider.Grant.find(fromInteraction);
      if (!accountId || !clientId) return undefined;
      const approval = await store.approvals.find(accountId, clientId);
      if (!approval) return undefined;
      const grant = await ctx.oidc.provider.Grant.find(approval.grantId);
      return grant && grant.accountId === accountId && grant.clientId === clientId ? grant : undefined;
    },
    findAccount: async (_ctx, sub) => {
      const user = await store.directory.findById(sub);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: async () => ({ sub: user.id, name: user.name, email: user.email, email_verified: true }),
      };
    },
    clientBasedCORS: (_ctx, origin, client) =>
      config.mcp.allowedOrigins.includes(origin) || (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin),
    fetch: ((url: URL | string, options: { method?: string; headers?: HeadersInit; signal?: AbortSignal }) =>
      fetch(url, { method: options.method, headers: options.headers, signal: options.signal, redirect: 'manual' })) as never,
    renderError,
  };

  const provider = new Provider(config.issuer, configuration);
  provider.proxy = config.trustProxy;
  installLoopbackRedirectRule(provider.Client);

  provider.on('server_error', (_ctx, error) => logger.error('oauth.server_error', { error, stack: error.stack }));
  for (const event of ['authorization.error', 'grant.error', 'registration_create.error', 'revocation.error', 'userinfo.error']) {
    (provider.on as (event: string, listener: (ctx: KoaContextWithOIDC, error: Error & { error_description?: string }) => void) => void)(
      event,
      (ctx, error) =>
        logger.info(`oauth.${event}`, { path: ctx.path, client_id: ctx.oidc?.client?.clientId, error: error.message, description: error.error_description }),
    );
  }
  provider.on('grant.revoked', (_ctx, grantId) => logger.info('oauth.grant_revoked', { grant_id: grantId }));
  return provider;
}
