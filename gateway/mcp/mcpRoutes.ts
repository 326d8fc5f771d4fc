/**
 * The MCP endpoints (Streamable HTTP, one path for POST, GET and DELETE — TRANSPORT-01), each a
 * table of small middlewares, in the order a request meets them. Each either passes the request on or
 * throws a typed refusal that the first one renders.
 */
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { MCP_PATH } from '../config/loadConfig.ts';
import type { Logger } from '../logging/logger.ts';
import type { Catalog } from '../connectors/catalog.ts';
import { connectorMcpUrl } from '../oauth/resourceIndicators.ts';
import type { CallerResolver } from '../tools/callerResolver.ts';
import type { ConnectorToolCatalog } from '../tools/connectorToolCatalog.ts';
import type { ToolCallHandler } from '../tools/toolCall.ts';
import type { PromptCatalog } from '../prompts/promptCatalog.ts';
import type { ResourceCatalog } from '../resources/resourceCatalog.ts';
import type { AccessTokenVerifier } from './accessTokenVerifier.ts';
import { bearerAuth } from './bearerAuth.ts';
import { AGGREGATED_NAMING, connectorScope, type EndpointServices } from './connectorScope.ts';
import { mcpCors } from './cors.ts';
import { mcpRefusals } from './mcpRefusals.ts';
import type { McpState } from './mcpState.ts';
import { messageBody } from './messageBody.ts';
import type { ConsentGuard } from './clientRequests.ts';
import type { LogLevelFanOut } from './logLevelFanOut.ts';
import type { ModernHandlers } from './modern/modernHandlers.ts';
import { modernLeg } from './modern/modernLeg.ts';
import { replicaForwarding } from './replicaForwarding.ts';
import type { ReplicaStore } from '../store/store.ts';
import { methodCheck } from './methodCheck.ts';
import { originCheck } from './originCheck.ts';
import { connectorPrmPath, PRM_PATH } from './protectedResourceMetadata.ts';
import { protocolVersion } from './protocolVersion.ts';
import { sdkTransport } from './sdkTransport.ts';
import { sessionLookup } from './sessionLookup.ts';
import type { SessionRegistry } from './sessionRegistry.ts';
import type { SessionSharing } from './sessionSharing.ts';
import { createSessionServer } from './sessionServer.ts';
import { sessionOpener } from './sessionTransport.ts';
import { toolCallLane } from './toolCallLane.ts';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface McpRouteDeps {
  readonly publicUrl: string;
  readonly publicOrigin: string;
  readonly allowedOrigins: readonly string[];
  readonly verify: AccessTokenVerifier;
  readonly mcpUrl: string;
  readonly sessions: SessionRegistry;
  readonly sharedSessions: SessionSharing;
  readonly connectors: Catalog;
  readonly catalog: ConnectorToolCatalog;
  readonly prompts: PromptCatalog;
  readonly resources: ResourceCatalog;
  readonly resolveCaller: CallerResolver;
  readonly callTool: ToolCallHandler;
  readonly setLogLevel: LogLevelFanOut;
  readonly guardAsk: ConsentGuard;
  /** The 2026-07-28 handlers, shared by every endpoint (app.ts publishes list changes to them). */
  readonly modern: ModernHandlers;
  /** This replica's id and the cluster's directory: a 2026 retry or a 2025 answer is passed to the replica holding its call. */
  readonly replica: { readonly id: string; readonly directory: ReplicaStore };
  readonly logger: Logger;
}

/** One MCP endpoint: its URL (the audience its tokens carry), its metadata and what it serves. */
interface Endpoint {
  readonly resource: string;
  readonly resourceMetadataUrl: string;
  readonly services: EndpointServices;
}

function endpointChain(deps: McpRouteDeps, { resource, resourceMetadataUrl, services }: Endpoint): Middleware[] {
  const { sessions, sharedSessions, logger } = deps;
  const opener = sessionOpener(sessions, () => createSessionServer(services), sharedSessions, logger);
  const chain: Middleware<McpState>[] = [
    mcpRefusals(resourceMetadataUrl), // renders every refusal below: JSON-RPC error or Bearer challenge
    originCheck([deps.publicOrigin, ...deps.allowedOrigins]), // TRANSPORT-02: 403 before anything else
    mcpCors(), // CLIENT-INSPECTOR-02: answers the preflight
    methodCheck(), // TRANSPORT-01: 405 for anything but GET, POST, DELETE
    bearerAuth(deps.verify, resource), // AUTH-02, AUTH-06, AUTH-07, AUTH-08, AUTH-10, SEC-01
    messageBody(MAX_BODY_BYTES), // TRANSPORT-04: one JSON-RPC message per POST
    replicaForwarding(deps.replica.id, deps.replica.directory, logger), // issue 14: a 2026 retry or a 2025 answer goes to the replica holding its open call
    modernLeg(deps.modern, services, deps.publicOrigin), // REV26-*: a 2026-07-28 request is served statelessly by the SDK v2
    protocolVersion(), // TRANSPORT-10
    sessionLookup(sessions, opener, sharedSessions), // TRANSPORT-09, SEC-02; any replica serves any session (issue 14)
    toolCallLane({ resolveCaller: services.resolveCaller, callTool: services.callTool, guardAsk: services.guardAsk, logger }), // issue 12: tools/call as JSON, no SDK round
    sdkTransport(deps.publicOrigin, sharedSessions), // everything else
  ];
  return chain as Middleware[];
}

/** The aggregated endpoint at `/mcp`, and each connector's own at `/mcp/<connector>` (issue 13 item 2). */
export function mcpRoutes(deps: McpRouteDeps): Router {
  const aggregated: EndpointServices = { tools: deps.catalog, prompts: deps.prompts, resources: deps.resources, resolveCaller: deps.resolveCaller, callTool: deps.callTool, setLogLevel: deps.setLogLevel, guardAsk: deps.guardAsk, naming: AGGREGATED_NAMING };
  const router = new Router();
  router.all(MCP_PATH, ...endpointChain(deps, { resource: deps.mcpUrl, resourceMetadataUrl: `${deps.publicUrl}${PRM_PATH}`, services: aggregated }));
  for (const connector of deps.connectors.connectors) {
    const services = connectorScope(connector, aggregated, { catalog: deps.connectors, upstreamDefinition: deps.catalog.upstreamDefinition });
    const endpoint = { resource: connectorMcpUrl(deps.mcpUrl, connector.id), resourceMetadataUrl: `${deps.publicUrl}${connectorPrmPath(connector.id)}`, services };
    router.all(connectorMcpUrl(MCP_PATH, connector.id), ...endpointChain(deps, endpoint));
  }
  return router;
}
