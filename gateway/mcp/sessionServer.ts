/**
 * The MCP server behind one session. Tools come from the catalogue per request, for the caller the
 * request's token names (LISTCHANGED-04: the list is computed from the token, deterministic order).
 * `tools.listChanged` is true because the gateway does send the notification when a user's tools
 * change (toolListNotifier.ts; LISTCHANGED-01). A tools/call that reaches this server — one that
 * streams: it asks for progress, or its client may be asked something — takes the same path as the
 * JSON lane's (tools/toolCall.ts); the upstream's progress, elicitation and sampling travel on the
 * call's own stream (clientRequests.ts).
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { UpstreamRpcError } from '../upstream/upstreamRefusals.ts';
import { askClient } from './clientRequests.ts';
import { handleSetLevel, passesLevel, wantsLogs } from './sessionLogging.ts';
import { subscribe, unsubscribe } from './resourceSubscriptions.ts';
import type { EndpointServices } from './connectorScope.ts';
import type { ToolCaller } from '../tools/toolCatalog.ts';

export const SERVER_INFO = { name: 'gangway', title: 'Gangway AI Gateway', version: '0.1.0' } as const;

/** One JSON-schema validator for every session (issue 12): the SDK would build an Ajv per server, that is per session. */
const SHARED_VALIDATOR = new AjvJsonSchemaValidator();

export type SessionServerDeps = EndpointServices;

/** An upstream's refusal keeps its JSON-RPC code; anything else is said without internals. */
const asMcpError = (error: unknown): McpError =>
  error instanceof McpError ? error : error instanceof UpstreamRpcError ? new McpError(error.code, error.message) : new McpError(ErrorCode.InternalError, 'the upstream behind this is unavailable; try again later');
const rethrown = (error: unknown): never => {
  throw asMcpError(error);
};
/** MCP's "Resource not found" (-32002): what the spec answers for a URI the server does not know. */
const RESOURCE_NOT_FOUND = -32002;

export function createSessionServer({ tools: catalog, prompts, resources, resolveCaller, callTool, setLogLevel, guardAsk, naming }: SessionServerDeps): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { subscribe: true, listChanged: true }, completions: {}, logging: {} },
    instructions: 'Tools the signed-in user authorized for this client, through the Gangway AI gateway.',
    jsonSchemaValidator: SHARED_VALIDATOR,
  });

  handleSetLevel(server, async (level, authInfo) => setLogLevel(await resolveCaller(authInfo), level));

  server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => {
    const caller = await resolveCaller(extra.authInfo);
    return { tools: await catalog.list(caller) };
  });

  server.setRequestHandler(ListPromptsRequestSchema, async (_request, extra) => ({ prompts: await prompts.list(await resolveCaller(extra.authInfo)) }));

  // The upstream may ask the client something while it answers a tool call, a prompt or a read: on
  // this request's own stream, if the user allows it and the client declared it (clientRequests.ts).
  const askDuring = (caller: ToolCaller, extra: { sendRequest: (request: never, schema: never, options: never) => Promise<unknown>; signal: AbortSignal }) => ({
    onUpstreamRequest: askClient(guardAsk, caller, server.getClientCapabilities(), (request, schema, signal) => extra.sendRequest(request as never, schema as never, (signal ? { signal } : undefined) as never)),
    signal: extra.signal,
  });

  server.setRequestHandler(GetPromptRequestSchema, async (request, extra) => {
    const caller = await resolveCaller(extra.authInfo);
    const found = await prompts.get(caller, request.params.name, request.params.arguments ?? {}, askDuring(caller, extra as never)).catch(rethrown);
    if (!found) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${request.params.name}`);
    return found;
  });

  server.setRequestHandler(CompleteRequestSchema, async (request, extra) => prompts.complete(await resolveCaller(extra.authInfo), request.params).catch(rethrown));

  server.setRequestHandler(ListResourcesRequestSchema, async (_request, extra) => ({ resources: await resources.list(await resolveCaller(extra.authInfo)) }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async (_request, extra) => ({ resourceTemplates: await resources.templates(await resolveCaller(extra.authInfo)) }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
    const caller = await resolveCaller(extra.authInfo);
    const read = await resources.read(caller, request.params.uri, askDuring(caller, extra as never)).catch(rethrown);
    if (!read) throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${request.params.uri.slice(0, 200)}`);
    return read;
  });
  server.setRequestHandler(SubscribeRequestSchema, async (request, extra) => {
    const { uri } = request.params;
    if (!(await resources.subscribe(await resolveCaller(extra.authInfo), uri).catch(rethrown))) throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${uri.slice(0, 200)}`);
    if (!subscribe(server, naming.uriIn(uri), uri)) throw new McpError(ErrorCode.InvalidRequest, 'too many subscriptions in this session; unsubscribe from some first');
    return {};
  });
  // Only this session stops hearing of it: the upstream subscription is the user's, shared with
  // their other sessions, and the gateway passes updates only to sessions that subscribed.
  server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    unsubscribe(server, naming.uriIn(request.params.uri));
    return {};
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    // Progress goes back on this request's own stream, under the client's token (TRANSPORT-05:
    // the answer is an SSE stream when the call reports progress).
    const progressToken = request.params._meta?.progressToken;
    const onProgress =
      progressToken === undefined ? undefined : (progress: { progress: number; total?: number; message?: string }) => void extra.sendNotification({ method: 'notifications/progress', params: { progressToken, ...progress } }).catch(() => undefined);
    // Upstream log messages, at the level this client asked for (sessionLogging.ts).
    const onLog = wantsLogs(server)
      ? (params: Record<string, unknown>) => {
          if (passesLevel(server, params.level)) void extra.sendNotification({ method: 'notifications/message', params } as never).catch(() => undefined);
        }
      : undefined;
    const caller = await resolveCaller(extra.authInfo);
    return callTool(caller, request.params.name, request.params.arguments ?? {}, { ...(onProgress ? { onProgress } : {}), ...(onLog ? { onLog } : {}), ...askDuring(caller, extra as never) });
  });

  return server;
}
