/**
 * Composes the gateway from its parts. Order matters: error handling outermost, then the gateway's
 * own routes (metadata, MCP endpoint, portal, interaction pages), and oidc-provider last so it only
 * sees the OAuth endpoints it owns.
 */
import { readFileSync } from 'node:fs';
import Koa from 'koa';
import type Provider from 'oidc-provider';
import { ConfigError, type ResolvedConfig } from './config/loadConfig.ts';
import { seedDirectory, type DirectoryUser } from './directory/seedDirectory.ts';
import { createSignInService, SIGN_IN_FORGET_MS } from './directory/signIn.ts';
import { createCsrf } from './http/csrf.ts';
import { errorHandler } from './http/errorHandler.ts';
import { html } from '../web/html.ts';
import { page } from './http/page.ts';
import { securityHeaders } from './http/securityHeaders.ts';
import { healthRoutes } from './http/health.ts';
import { createAuditLog } from './audit/auditLog.ts';
import { createCatalog } from './connectors/catalog.ts';
import { resolveCatalog } from './connectors/loadCatalog.ts';
import type { GatewayInputs } from './gatewayInputs.ts';
import { staticAssetRoutes } from './http/staticAssets.ts';
import { consentHandlers } from './interactions/consentRoutes.ts';
import { interactionRoutes } from './interactions/interactionRoutes.ts';
import { logoutSource, postLogoutSuccessSource } from './interactions/logoutPages.ts';
import { logoutRoutes } from './interactions/logoutRoutes.ts';
import { createConnectorToolCatalog } from './tools/connectorToolCatalog.ts';
import { createToolCallRateLimit } from './tools/toolCallRateLimit.ts';
import { createToolListNotifier } from './tools/toolListNotifier.ts';
import { CONNECTIONS_PATH, connectionsRoutes } from './portal/connectionsRoutes.ts';
import { createConnectionService } from './upstream/connectionService.ts';
import { createOAuthResolver } from './upstream/oauthResolver.ts';
import { UPSTREAM_CALLBACK_PATH, upstreamCallbackRoutes } from './upstream/upstreamCallbackRoutes.ts';
import { createUpstreamCredentials } from './upstream/upstreamCredentials.ts';
import { createUpstreamMcp } from './upstream/upstreamMcp.ts';
import { createVaultCipher } from './vault/vaultCipher.ts';
import { loadVaultKeys } from './vault/vaultKeys.ts';
import type { Logger } from './logging/logger.ts';
import { requestLog } from './logging/requestLog.ts';
import { createAccessTokenVerifier } from './mcp/accessTokenVerifier.ts';
import { protectedResources } from './oauth/resourceIndicators.ts';
import { mcpRoutes } from './mcp/mcpRoutes.ts';
import { PRM_PATH, protectedResourceMetadataRoutes } from './mcp/protectedResourceMetadata.ts';
import { SessionRegistry } from './mcp/sessionRegistry.ts';
import { ModernHandlers } from './mcp/modern/modernHandlers.ts';
import { createLogLevelFanOut } from './mcp/logLevelFanOut.ts';
import { createCallerResolver } from './tools/callerResolver.ts';
import { createToolCallHandler } from './tools/toolCall.ts';
import { clientConsentGuard } from './mcp/clientRequests.ts';
import { createLiveGrants } from './tools/liveGrants.ts';
import { createPromptCatalog } from './prompts/promptCatalog.ts';
import { createResourceCatalog } from './resources/resourceCatalog.ts';
import { toGatewayUri } from './resources/resourceUris.ts';
import { resourceUpdates } from './mcp/resourceSubscriptions.ts';
import { createSessionSharing } from './mcp/sessionSharing.ts';
import { newReplicaId } from './mcp/replicaTag.ts';
import { createStoreCache } from './store/storeCache.ts';
import { ALL_PERMITTED } from './store/store.ts';
import { whoamiTool } from './tools/builtins/whoamiTool.ts';
import { createOutboundFetch } from './net/outboundFetch.ts';
import { authServerMetadataAlias } from './oauth/authServerMetadata.ts';
import { canonicalOrigin } from './oauth/canonicalOrigin.ts';
import { createProvider, OAUTH_ROUTES } from './oauth/createProvider.ts';
import { defaultScope } from './oauth/defaultScope.ts';
import { longestOAuthWindowMs, oauthEndpointLimits } from './oauth/oauthEndpointLimits.ts';
import { refreshReuseGrace } from './oauth/refreshReuseGrace.ts';
import { registrationCors } from './oauth/registrationCors.ts';
import { loadSigningKeys } from './oauth/signingKeys.ts';
import { PORTAL_PATH, portalRoutes } from './portal/portalRoutes.ts';
import { createUserSessions } from './portal/userSessions.ts';
import type { GatewayStore } from './store/store.ts';

export interface GatewayApp {
  readonly koa: Koa;
  readonly provider: Provider;
  readonly mcpSessions: SessionRegistry;
  readonly catalog: import('./connectors/catalog.ts').Catalog;
  readonly directory: readonly DirectoryUser[];
  readonly portalUrl: string;
  close(): Promise<void>;
}

function readCa(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`Invalid setting GANGWAY_OUTBOUND_CA_FILE (outbound.extraCaFile): cannot read ${path}`);
  }
}

export async function createGatewayApp(config: ResolvedConfig, givenStore: GatewayStore, logger: Logger, inputs: GatewayInputs): Promise<GatewayApp> {
  // Every part gets the store whose writes empty the hot path's read caches (issue 12).
  const storeCache = createStoreCache(givenStore);
  const { store } = storeCache;
  const secureCookies = config.issuer.startsWith('https://');
  const vault = createVaultCipher(loadVaultKeys(config.vault.keys, config.vault.keyFile, logger));
  const keys = await loadSigningKeys(store.keys, config.signingKeysFile, vault);
  const directory = await seedDirectory(store.directory, inputs.directory);
  const catalog = createCatalog(resolveCatalog(inputs.catalog, config.connectorsFile));
  // Upstreams in the catalogue are vouched for by the administrator; anything else is SSRF-guarded.
  const outboundFetch = createOutboundFetch({
    allowOrigins: [...config.outbound.allowOrigins, ...catalog.origins],
    connectTo: config.outbound.connectTo,
    extraCa: readCa(config.outbound.extraCaFile),
  });
  const portalUrl = `${config.publicUrl}${PORTAL_PATH}`;
  const resourceMetadataUrl = `${config.publicUrl}${PRM_PATH}`;
  const audit = createAuditLog(store.audit, logger);

  const mcpResources = protectedResources(config.mcpUrl, catalog.connectors.map((connector) => connector.id));
  const provider = createProvider({
    config,
    resources: mcpResources,
    store,
    keys,
    logger,
    fetch: outboundFetch,
    logoutPages: { logoutSource, postLogoutSuccessSource },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page({
        title: 'Authorization error',
        body: html`<h1>The application's sign-in request was refused</h1>
<p role="alert" class="error">${out.error_description ?? out.error}</p>
<p class="muted">Error code: <code>${out.error}</code>. Go back to your AI client and connect again; if it keeps happening, send this code to your gateway administrator.</p>`,
      });
    },
  });

  const csrf = createCsrf(keys.cookieKeys[0] as string, secureCookies);
  const sessions = createUserSessions(store, secureCookies);
  const signIn = createSignInService(store.directory, store.limits);
  const mcpSessions = new SessionRegistry({ maxPerUser: config.mcp.sessionsPerUser });
  // This process among the replicas sharing the store (issue 14); the others reach it at replicaUrl.
  const replicaId = newReplicaId();
  await store.replicas.announce(replicaId, config.replicaUrl, Date.now());
  const modern = new ModernHandlers(replicaId);
  // Every replica drops what it cached of a changed connector before telling its clients (toolListNotifier.ts).
  const lists = () => ({ tools, prompts, resources });
  const notifier = createToolListNotifier(
    mcpSessions,
    store.channel,
    replicaId,
    logger,
    async (accountId, connectorId, kinds, reconnect) => {
      for (const kind of kinds) lists()[kind].invalidate(accountId, connectorId);
      if (reconnect) await upstream.forget(accountId, connectorId);
    },
    modern,
  );
  const sharedSessions = createSessionSharing(store, mcpSessions, replicaId, logger);
  const publishResourceUpdate = resourceUpdates(store.channel, mcpSessions, (accountId, uri) => modern.resourceUpdated(accountId, uri));

  const resolveOAuth = createOAuthResolver({ fetch: outboundFetch, clients: store.upstreamClients, vault, redirectUri: `${config.publicUrl}${UPSTREAM_CALLBACK_PATH}`, logger });
  const credentials = createUpstreamCredentials({
    connections: store.connections,
    readConnection: storeCache.connection,
    vault,
    resolveOAuth,
    fetch: outboundFetch,
    logger,
    onRefresh: (accountId, connectorId, outcome) =>
      void audit.record({ event: outcome === 'refreshed' ? 'connection.refreshed' : 'connection.needs_reconnect', accountId, connectorId, outcome }),
  });
  const upstream = createUpstreamMcp({
    credentials,
    fetch: outboundFetch,
    logger,
    onListChanged: (accountId, connectorId, kind) => {
      void notifier.listChanged(accountId, kind, connectorId);
    },
    onResourceUpdated: (accountId, connectorId, uri) => {
      const connector = catalog.byId(connectorId);
      if (!connector) return;
      publishResourceUpdate(accountId, toGatewayUri(connector, uri));
    },
  });
  const listCacheMs = config.tools.listCacheSeconds * 1000;
  // What each call may use: the user's grants for the client and connections, from the cached reads.
  const liveGrants = createLiveGrants({ catalog, grants: { listForClient: storeCache.toolGrants }, connections: { listForAccount: storeCache.connections } });
  const tools = createConnectorToolCatalog({
    catalog,
    liveGrants,
    connections: store.connections,
    upstream,
    builtins: [whoamiTool],
    audit,
    logger,
    connectionsUrl: `${config.publicUrl}${CONNECTIONS_PATH}`,
    resourceMetadataUrl,
    cacheMs: listCacheMs,
  });
  const prompts = createPromptCatalog({ catalog, liveGrants, upstream, logger, cacheMs: listCacheMs });
  const resources = createResourceCatalog({ catalog, liveGrants, upstream, logger, cacheMs: listCacheMs, toolsOf: tools.upstreamTools });
  provider.on('registration_create.success', (_ctx, client) =>
    void audit.record({ event: 'client.registered', clientId: client.clientId, outcome: 'ok', detail: { client_name: client.clientName } }),
  );
  const connections = createConnectionService({
    catalog,
    store,
    vault,
    fetch: outboundFetch,
    resolveOAuth,
    audit,
    logger,
    callbackUrl: `${config.publicUrl}${UPSTREAM_CALLBACK_PATH}`,
    onChange: async (accountId, connectorId) => {
      await notifier.connectionChanged(accountId, connectorId);
    },
  });
  const consent = consentHandlers({
    provider,
    store,
    csrf,
    logger,
    audit,
    catalog,
    connections,
    tools,
    prompts,
    resources,
    resolveOAuth,
    notifier,
    gatewayTools: () => [{ name: whoamiTool.definition.name, description: whoamiTool.definition.description ?? '' }],
    endpointConnectorOf: mcpResources.connectorOf,
  });

  // The user's elicitation/sampling choice for the client is checked before the client is asked.
  const consentGuard = clientConsentGuard({
    permissions: async (accountId, clientId) => (await store.approvals.find(accountId, clientId))?.permissions ?? ALL_PERMITTED,
    connectionsUrl: `${config.publicUrl}${CONNECTIONS_PATH}`,
  });
  const resolveCaller = createCallerResolver({
    findUser: storeCache.user,
    clientName: async (clientId) => (await provider.Client.find(clientId))?.clientName,
    onInvalidate: storeCache.onInvalidate,
  });

  // maxIpsCount 1: ctx.ip is the address the trusted proxy appended to X-Forwarded-For, not the
  // left-most one a client can write itself (the sign-in throttle and OAuth rate limits key on it).
  const koa = new Koa({ proxy: config.trustProxy, maxIpsCount: 1 });
  koa.silent = true;
  // oidc-provider runs inside this app and signs its cookies with this app's keys.
  koa.keys = keys.cookieKeys;
  koa.use(errorHandler(logger));
  koa.use(requestLog(logger));
  koa.use(securityHeaders());
  koa.use(healthRoutes(store));
  koa.use(protectedResourceMetadataRoutes({ issuer: config.issuer, mcpUrl: config.mcpUrl, portalUrl, connectors: catalog.connectors }).routes());
  koa.use(
    mcpRoutes({
      publicUrl: config.publicUrl,
      publicOrigin: config.publicUrl,
      allowedOrigins: config.mcp.allowedOrigins,
      verify: createAccessTokenVerifier({ issuer: config.issuer, audiences: mcpResources.all, publicJwks: keys.publicJwks, findGrant: storeCache.grant }),
      mcpUrl: config.mcpUrl,
      sessions: mcpSessions,
      sharedSessions,
      connectors: catalog,
      modern,
      replica: { id: replicaId, directory: store.replicas },
      setLogLevel: createLogLevelFanOut({ liveGrants, upstream, logger }),
      catalog: tools,
      prompts,
      resources,
      resolveCaller,
      callTool: createToolCallHandler(tools, createToolCallRateLimit(store.limits, config.tools.callsPerMinute)),
      guardAsk: consentGuard,
      logger,
    }).routes(),
  );
  koa.use(staticAssetRoutes().routes());
  koa.use(portalRoutes({ mcpUrl: config.mcpUrl, connectors: catalog.connectors, provider, sessions, signIn, csrf, audit }).routes());
  koa.use(connectionsRoutes({ provider, store, catalog, sessions, csrf, connections, notifier, mcpSessions: sharedSessions, audit }).routes());
  koa.use(interactionRoutes({ provider, sessions, signIn, csrf, audit, consent }).routes());
  koa.use(upstreamCallbackRoutes({ provider, sessions, connections, consent, portalConnectionsPath: CONNECTIONS_PATH }).routes());
  koa.use(authServerMetadataAlias());
  koa.use(defaultScope());
  koa.use(registrationCors());
  koa.use(oauthEndpointLimits(store.limits, config));
  koa.use(refreshReuseGrace({ provider, tokens: store.oidc, vault, graceSeconds: config.tokens.refreshReuseGraceSeconds }));
  koa.use(canonicalOrigin(config.issuer));
  koa.use(logoutRoutes({ endSessionPath: OAUTH_ROUTES.end_session, sessions }));
  for (const middleware of provider.middleware) koa.use(middleware);

  const sweep = setInterval(() => {
    void store.oidc.sweepExpired(Date.now()).catch((error: unknown) => logger.warn('store.sweep_failed', { error }));
    const forgetAfterMs = Math.max(SIGN_IN_FORGET_MS, longestOAuthWindowMs(config));
    void store.limits.sweep(Date.now(), forgetAfterMs).catch((error: unknown) => logger.warn('store.sweep_failed', { error }));
    void mcpSessions.closeIdle();
    void sharedSessions.sweepIdle(mcpSessions.limits.idleMs).catch((error: unknown) => logger.warn('store.sweep_failed', { error }));
  }, 60_000);
  sweep.unref();

  return {
    koa,
    provider,
    mcpSessions,
    catalog,
    directory,
    portalUrl,
    async close() {
      clearInterval(sweep);
      await store.replicas.forget(replicaId).catch(() => undefined);
      await mcpSessions.closeAll();
      await modern.closeAll();
      await upstream.close();
      await audit.flush();
    },
  };
}
