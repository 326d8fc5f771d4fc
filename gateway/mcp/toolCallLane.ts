/**
 * The hot path (issue 12): a `tools/call` in an open session is answered here, as one
 * `application/json` response, without the SDK's transport and server — no web-stream conversion,
 * no SSE framing, no zod pass over the request or the upstream's answer. The spec lets a server
 * answer a POST with a single JSON object when the client accepts it, which every client must
 * (TRANSPORT-05); SSE stays for what streams (the GET stream, and anything this lane leaves alone).
 *
 * It takes only what it can answer exactly as the SDK would, in one message: a well-formed JSON-RPC
 * request for tools/call without a progressToken, sent as JSON, by a client that accepts both JSON
 * and SSE. Anything else goes on to the SDK: calls that stream — one asking for progress, or from a
 * client that declared elicitation or sampling (an upstream may ask it something mid-call) or set a
 * log level — and a notification, a malformed message or a missing Accept type, which the SDK
 * refuses the way the transport spec says.
 */
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Middleware } from 'koa';
import { JSONRPC_INTERNAL_ERROR, JSONRPC_INVALID_PARAMS } from '../errors/wireErrors.ts';
import type { Logger } from '../logging/logger.ts';
import type { CallerResolver } from '../tools/callerResolver.ts';
import type { ToolCallHandler } from '../tools/toolCall.ts';
import { toolCallParamsProblem } from '../tools/toolCallParams.ts';
import type { McpState } from './mcpState.ts';
import { askClient, mayBeAsked, type ConsentGuard } from './clientRequests.ts';
import { wantsLogs } from './sessionLogging.ts';

interface ToolCallRequest {
  readonly jsonrpc: '2.0';
  readonly id: string | number;
  readonly method: 'tools/call';
  readonly params?: unknown;
}

const isToolCall = (message: unknown): message is ToolCallRequest => {
  if (typeof message !== 'object' || message === null) return false;
  const { jsonrpc, id, method } = message as Record<string, unknown>;
  return jsonrpc === '2.0' && method === 'tools/call' && (typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)));
};

/** A call that asks for progress streams its answer (SSE): the SDK transport's path does that. */
const wantsProgress = (request: ToolCallRequest): boolean => {
  const meta = (request.params as { _meta?: { progressToken?: unknown } } | undefined)?._meta;
  return meta?.progressToken !== undefined;
};

export interface ToolCallLaneDeps {
  readonly resolveCaller: CallerResolver;
  readonly callTool: ToolCallHandler;
  readonly guardAsk: ConsentGuard;
  readonly logger: Logger;
}


/** `notifications/cancelled` for a request id (the client gave up on that call). */
const cancelledId = (message: unknown): string | number | undefined => {
  if (typeof message !== 'object' || message === null) return undefined;
  const { method, params } = message as { method?: unknown; params?: { requestId?: unknown } };
  const id = method === 'notifications/cancelled' ? params?.requestId : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
};

export function toolCallLane({ resolveCaller, callTool, guardAsk, logger }: ToolCallLaneDeps): Middleware<McpState> {
  // The lane's calls under way, per session, so the client's notifications/cancelled can reach them
  // (the SDK only knows the requests it handles itself).
  const underWay = new WeakMap<object, Map<string | number, AbortController>>();

  const answer = async (request: ToolCallRequest, state: McpState, signal: AbortSignal): Promise<Record<string, unknown>> => {
    const problem = toolCallParamsProblem(request as { params?: Record<string, unknown> });
    if (problem) return { jsonrpc: '2.0', id: request.id, error: { code: JSONRPC_INVALID_PARAMS, message: problem } };
    const params = request.params as { name: string; arguments?: Record<string, unknown> };
    try {
      // Only clients that declared neither elicitation nor sampling come this way: an upstream that
      // asks them anything is told they cannot be asked (or that the user turned it off).
      const caller = await resolveCaller(state.auth);
      const result = await callTool(caller, params.name, params.arguments ?? {}, { onUpstreamRequest: askClient(guardAsk, caller, undefined), signal });
      return { jsonrpc: '2.0', id: request.id, result };
    } catch (error) {
      // Word for word what the SDK's server answers for the same error.
      if (error instanceof McpError) return { jsonrpc: '2.0', id: request.id, error: { code: error.code, message: error.message, ...(error.data === undefined ? {} : { data: error.data }) } };
      logger.error('mcp.tool_call_failed', { error, stack: (error as Error)?.stack });
      return { jsonrpc: '2.0', id: request.id, error: { code: JSONRPC_INTERNAL_ERROR, message: 'Internal error' } };
    }
  };

  return async (ctx, next) => {
    const { session, message } = ctx.state;
    const cancelled = session && ctx.method === 'POST' ? cancelledId(message) : undefined;
    const call = cancelled === undefined ? undefined : underWay.get(session!)?.get(cancelled);
    if (call) {
      call.abort();
      ctx.status = 202;
      return;
    }
    const accept = ctx.get('Accept');
    const lane =
      session !== undefined &&
      ctx.method === 'POST' &&
      isToolCall(message) &&
      !wantsProgress(message) &&
      // A client an upstream may ask something during the call gets a stream to be asked on.
      !mayBeAsked(session.server.getClientCapabilities()) &&
      // …and so does one that asked for log messages.
      !wantsLogs(session.server) &&
      accept.includes('application/json') &&
      accept.includes('text/event-stream') &&
      ctx.get('Content-Type').includes('application/json');
    if (!lane) return next();
    const calls = underWay.get(session) ?? new Map<string | number, AbortController>();
    underWay.set(session, calls);
    const controller = new AbortController();
    calls.set(message.id, controller);
    let body: Record<string, unknown>;
    try {
      body = await answer(message, ctx.state, controller.signal);
    } finally {
      calls.delete(message.id);
    }
    ctx.status = 200;
    ctx.type = 'application/json';
    ctx.set('Mcp-Session-Id', session.id);
    ctx.body = JSON.stringify(body);
  };
}
