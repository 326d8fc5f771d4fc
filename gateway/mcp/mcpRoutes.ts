/**
 * The MCP endpoint (Streamable HTTP, one path for POST, GET and DELETE — TRANSPORT-01).
 * Order of checks, each a small middleware: Origin (403) → CORS → Bearer token (401/403) →
 * protocol version (400) → session (400 without one, 404 when unknown or not this user's) →
 * the SDK transport of that session.
 */
import Router from '@koa/router';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Context } from 'koa';
import { MCP_PATH } from '../config/loadConfig.ts';
import type { Logger } from '../logging/logger.ts';
import type { VerifiedAccessToken } from './accessTokenVerifier.ts';
import { bearerAuth, type BearerAuthOptions } from './bearerAuth.ts';
import { mcpCors } from './cors.ts';
import {
  JSONRPC_INVALID_REQUEST,
  JSONRPC_PARSE_ERROR,
  JSONRPC_SESSION_NOT_FOUND,
  JSONRPC_TRANSPORT_ERROR,
  jsonRpcError,
} from './jsonRpcError.ts';
import { originCheck } from './originCheck.ts';
import { checkProtocolVersion } from './protocolVersion.ts';
import { SessionEventLog } from './sessionEventLog.ts';
import { newSessionId, type SessionOwner, type SessionRegistry } from './sessionRegistry.ts';
import { createSessionServer, type CallerResolver } from './sessionServer.ts';
import type { RateLimiter } from '../tools/toolCallRateLimit.ts';
import { guardToolCallParams } from '../tools/toolCallParams.ts';
import type { ToolCatalog } from '../tools/toolCatalog.ts';
import { readJsonBody, sendWebResponse, toWebRequest } from './webExchange.ts';

const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** The `retry` hint of the priming event: how soon a client should reconnect a broken stream. */
const RETRY_INTERVAL_MS = 2000;

export interface McpRouteDeps extends BearerAuthOptions {
  readonly publicOrigin: string;
  readonly mcpUrl: string;
  readonly allowedOrigins: readonly string[];
  readonly sessions: SessionRegistry;
  readonly catalog: ToolCatalog;
  readonly resolveCaller: CallerResolver;
  readonly rateLimit: RateLimiter;
  readonly logger: Logger;
}

function authInfoOf(auth: VerifiedAccessToken, mcpUrl: string): AuthInfo {
  return {
    token: auth.token,
    clientId: auth.clientId,
    scopes: [...auth.scopes],
    expiresAt: auth.expiresAt,
    resource: new URL(mcpUrl),
    extra: { subject: auth.subject },
  };
}

export function mcpRoutes(deps: McpRouteDeps): Router {
  const { publicOrigin, mcpUrl, sessions, catalog, resolveCaller, logger } = deps;
  const router = new Router();

  const ownerOf = (ctx: Context): SessionOwner => {
    const auth = ctx.state.auth as VerifiedAccessToken;
    return { subject: auth.subject, clientId: auth.clientId };
  };

  const openSession = async (ctx: Context) => {
    const owner = ownerOf(ctx);
    const server = createSessionServer(catalog, resolveCaller, deps.rateLimit);
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: newSessionId,
      eventStore: new SessionEventLog(),
      retryInterval: RETRY_INTERVAL_MS,
      onsessioninitialized: (id) => {
        sessions.add({ id, owner, transport, server, lastSeenAt: Date.now() });
        logger.info('mcp.session_opened', { account_id: owner.subject, client_id: owner.clientId });
      },
      onsessionclosed: (id) => {
        sessions.remove(id);
        logger.info('mcp.session_closed', { account_id: owner.subject, client_id: owner.clientId });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.remove(transport.sessionId);
    };
    await server.connect(transport);
    guardToolCallParams(transport);
    return transport;
  };

  const handle = async (ctx: Context) => {
    let parsedBody: unknown;
    if (ctx.method === 'POST') {
      const body = await readJsonBody(ctx, MAX_BODY_BYTES);
      if (!body.ok) return jsonRpcError(ctx, 400, JSONRPC_PARSE_ERROR, 'Parse error: the body is not valid JSON');
      if (Array.isArray(body.value)) {
        // TRANSPORT-04: one JSON-RPC message per POST (batching was removed in 2025-06-18).
        return jsonRpcError(ctx, 400, JSONRPC_INVALID_REQUEST, 'Invalid Request: send one JSON-RPC message per request');
      }
      parsedBody = body.value;
    }
    const initializing = ctx.method === 'POST' && isInitializeRequest(parsedBody);
    if (!initializing && !checkProtocolVersion(ctx)) return;

    const sessionId = ctx.get('Mcp-Session-Id');
    let transport: WebStandardStreamableHTTPServerTransport;
    if (sessionId) {
      const session = sessions.find(sessionId, ownerOf(ctx));
      if (!session) return jsonRpcError(ctx, 404, JSONRPC_SESSION_NOT_FOUND, 'Session not found');
      transport = session.transport;
    } else if (initializing) {
      transport = await openSession(ctx);
    } else {
      return jsonRpcError(ctx, 400, JSONRPC_TRANSPORT_ERROR, 'Bad Request: Mcp-Session-Id header is required');
    }

    const response = await transport.handleRequest(toWebRequest(ctx, publicOrigin), {
      parsedBody,
      authInfo: authInfoOf(ctx.state.auth as VerifiedAccessToken, mcpUrl),
    });
    await sendWebResponse(ctx, response);
  };

  const guard = [originCheck([publicOrigin, ...deps.allowedOrigins]), mcpCors(), bearerAuth(deps)] as const;
  router.post(MCP_PATH, ...guard, handle);
  router.get(MCP_PATH, ...guard, handle);
  router.delete(MCP_PATH, ...guard, handle);
  router.options(MCP_PATH, guard[0], guard[1]);
  router.all(MCP_PATH, guard[0], (ctx) => {
    ctx.set('Allow', 'GET, POST, DELETE, OPTIONS');
    jsonRpcError(ctx, 405, JSONRPC_TRANSPORT_ERROR, 'Method not allowed');
  });
  return router;
}
