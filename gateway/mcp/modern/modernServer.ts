/**
 * The gateway's MCP server for revision 2026-07-28 (issue 13 item 3), built per request by the SDK
 * v2's `createMcpHandler` from the same endpoint services as the 2025 session server
 * (sessionServer.ts): the same catalogues, grants, argument checks, rate limit and audit. What
 * differs is the revision's shape — no session, the client's capabilities and log level in each
 * request's `_meta`, progress on the POST's own stream, and an upstream's question to the client
 * answered as `input_required` (modernRounds.ts) instead of a server→client request — during a
 * tool call, a prompts/get or a resources/read.
 */
import { LOG_LEVEL_META_KEY, ProtocolError, ResourceNotFoundError, Server, type ServerContext } from '@modelcontextprotocol/server';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { atLeast, logSeverity } from '../../../wire/logLevels.ts';
import type { EndpointServices } from '../connectorScope.ts';
import { SERVER_INFO } from '../sessionServer.ts';
import type { InputRounds } from './inputRounds.ts';
import { asProtocolError, inRounds } from './modernRounds.ts';

const INVALID_PARAMS = -32602;
/** The codes an upstream answers an unknown resource with (-32002 until 2025-11-25, -32602 since SEP-2164). */
const NOT_FOUND_CODES = new Set([-32002, -32602]);

const rethrown = (error: unknown): never => {
  throw asProtocolError(error);
};

export function createModernServer(services: EndpointServices, rounds: InputRounds): Server {
  const { tools, prompts, resources, resolveCaller, callTool } = services;
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { subscribe: true, listChanged: true }, completions: {}, logging: {} },
    instructions: 'Tools the signed-in user authorized for this client, through the Gangway AI gateway.',
  });
  const caller = (ctx: ServerContext) => resolveCaller(ctx.http?.authInfo as AuthInfo | undefined);
  const roundsDeps = { rounds, guardAsk: services.guardAsk };

  server.setRequestHandler('tools/list', async (_request, ctx) => ({ tools: await tools.list(await caller(ctx)) }) as never);
  server.setRequestHandler('prompts/list', async (_request, ctx) => ({ prompts: await prompts.list(await caller(ctx)) }));
  server.setRequestHandler('prompts/get', async (request, ctx) => {
    const { name } = request.params;
    const who = await caller(ctx);
    return (await inRounds(ctx, who, `prompt ${name}`, roundsDeps, async ({ ask, signal }) => {
      const found = await prompts.get(who, name, request.params.arguments ?? {}, { onUpstreamRequest: ask, signal }).catch(rethrown);
      if (!found) throw new ProtocolError(INVALID_PARAMS, `Unknown prompt: ${name}`);
      return found;
    })) as never;
  });
  server.setRequestHandler('completion/complete', async (request, ctx) => (await prompts.complete(await caller(ctx), request.params as never).catch(rethrown)) as never);
  server.setRequestHandler('resources/list', async (_request, ctx) => ({ resources: await resources.list(await caller(ctx)) }) as never);
  server.setRequestHandler('resources/templates/list', async (_request, ctx) => ({ resourceTemplates: await resources.templates(await caller(ctx)) }) as never);
  server.setRequestHandler('resources/read', async (request, ctx) => {
    const { uri } = request.params;
    const who = await caller(ctx);
    return (await inRounds(ctx, who, `resource ${uri}`, roundsDeps, async ({ ask, signal }) => {
      const read = await resources.read(who, uri, { onUpstreamRequest: ask, signal }).catch((error: unknown) => {
        // SEP-2164 (2026-07-28): not found is -32602 with the URI in `data`, whatever code the upstream used.
        if (NOT_FOUND_CODES.has((error as { code?: number })?.code ?? 0)) throw new ResourceNotFoundError(uri.slice(0, 200));
        return rethrown(error);
      });
      if (!read) throw new ResourceNotFoundError(uri.slice(0, 200));
      return read;
    })) as never;
  });

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name } = request.params;
    const who = await caller(ctx);
    // 2026-07-28 has no logging/setLevel: the level travels with the request (`_meta`).
    const logLevel = ((ctx.mcpReq.envelope ?? {}) as Record<string, unknown>)[LOG_LEVEL_META_KEY];
    const wantsLogs = typeof logLevel === 'string' && logSeverity(logLevel) !== undefined;
    if (wantsLogs && ctx.mcpReq.requestState() === undefined) await services.setLogLevel(who, logLevel);
    return (await inRounds(ctx, who, `tool ${name}`, roundsDeps, ({ ask, signal, conversation }) => {
      // Progress and log messages go to the stream of whichever round is under way when they come.
      const onProgress =
        conversation.stream?.progressToken === undefined
          ? undefined
          : (progress: { progress: number; total?: number; message?: string }) => conversation.stream?.notify({ method: 'notifications/progress', params: { progressToken: conversation.stream.progressToken!, ...progress } });
      const onLog = wantsLogs ? (params: Record<string, unknown>) => atLeast(params.level, logLevel) && conversation.stream?.notify({ method: 'notifications/message', params }) : undefined;
      return callTool(who, name, request.params.arguments ?? {}, { ...(onProgress ? { onProgress } : {}), ...(onLog ? { onLog } : {}), onUpstreamRequest: ask, signal }) as Promise<Record<string, unknown>>;
    })) as never;
  });

  return server;
}
