/**
 * The MCP endpoint (Streamable HTTP, one path for POST, GET and DELETE — TRANSPORT-01), as a table
 * of small middlewares, in the order a request meets them. Each either passes the request on or
 * throws a typed refusal that the first one renders.
 */
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { MCP_PATH } from '../config/loadConfig.ts';
import type { Logger } from '../logging/logger.ts';
import type { CallerResolver } from '../tools/callerResolver.ts';
import type { ToolCallHandler } from '../tools/toolCall.ts';
import type { ToolCatalog } from '../tools/toolCatalog.ts';
import type { PromptCatalog } from '../prompts/promptCatalog.ts';
import type { ResourceCatalog } from '../resources/resourceCatalog.ts';
import type { AccessTokenVerifier } from './accessTokenVerifier.ts';
import { bearerAuth } from './bearerAuth.ts';
import { mcpCors } from './cors.ts';
import { mcpRefusals } from './mcpRefusals.ts';
import type { McpState } from './mcpState.ts';
import { messageBody } from './messageBody.ts';
import { methodCheck } from './methodCheck.ts';
import { originCheck } from './originCheck.ts';
import { protocolVersion } from './protocolVersion.ts';
import { sdkTransport } from './sdkTransport.ts';
import { sessionLookup } from './sessionLookup.ts';
import type { SessionRegistry } from './sessionRegistry.ts';
import { createSessionServer } from './sessionServer.ts';
import { sessionOpener } from './sessionTransport.ts';
import { toolCallLane } from './toolCallLane.ts';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface McpRouteDeps {
  readonly publicOrigin: string;
  readonly allowedOrigins: readonly string[];
  readonly verify: AccessTokenVerifier;
  readonly resourceMetadataUrl: string;
  readonly sessions: SessionRegistry;
  readonly catalog: ToolCatalog;
  readonly prompts: PromptCatalog;
  readonly resources: ResourceCatalog;
  readonly resolveCaller: CallerResolver;
  readonly callTool: ToolCallHandler;
  readonly logger: Logger;
}

export function mcpRoutes(deps: McpRouteDeps): Router {
  const { sessions, catalog, prompts, resources, resolveCaller, callTool, logger } = deps;
  const openSession = sessionOpener(sessions, () => createSessionServer({ tools: catalog, prompts, resources, resolveCaller, callTool }), logger);
  const endpoint: Middleware<McpState>[] = [
    mcpRefusals(deps.resourceMetadataUrl), // renders every refusal below: JSON-RPC error or Bearer challenge
    originCheck([deps.publicOrigin, ...deps.allowedOrigins]), // TRANSPORT-02: 403 before anything else
    mcpCors(), // CLIENT-INSPECTOR-02: answers the preflight
    methodCheck(), // TRANSPORT-01: 405 for anything but GET, POST, DELETE
    bearerAuth(deps.verify), // AUTH-02, AUTH-06, AUTH-07, AUTH-10, SEC-01
    messageBody(MAX_BODY_BYTES), // TRANSPORT-04: one JSON-RPC message per POST
    protocolVersion(), // TRANSPORT-10
    sessionLookup(sessions, openSession), // TRANSPORT-09, SEC-02
    toolCallLane({ resolveCaller, callTool, logger }), // issue 12: tools/call as JSON, no SDK round
    sdkTransport(deps.publicOrigin), // everything else
  ];
  const router = new Router();
  router.all(MCP_PATH, ...(endpoint as Middleware[]));
  return router;
}
