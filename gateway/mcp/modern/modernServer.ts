/**
 * The gateway's MCP server for revision 2026-07-28 (issue 13 item 3), built per request by the SDK
 * v2's `createMcpHandler` from the same endpoint services as the 2025 session server
 * (sessionServer.ts): the same catalogues, grants, argument checks, rate limit and audit. What
 * differs is the revision's shape — no session, the client's capabilities and log level in each
 * request's `_meta`, progress on the POST's own stream, and an upstream's question to the client
 * answered as `input_required` (inputRounds.ts) instead of a server→client request.
 */
import { CLIENT_CAPABILITIES_META_KEY, inputRequired, LOG_LEVEL_META_KEY, ProtocolError, ResourceNotFoundError, Server, type ServerContext } from '@modelcontextprotocol/server';
import { CreateMessageResultSchema, ElicitResultSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { UpstreamRpcError } from '../../upstream/upstreamRefusals.ts';
import { clientRequestHandler } from '../clientRequests.ts';
import type { EndpointServices } from '../connectorScope.ts';
import { SERVER_INFO } from '../sessionServer.ts';
import { Conversation, type InputRounds, type Round, type RoundStream } from './inputRounds.ts';

const LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
const INTERNAL_ERROR = -32603;
const INVALID_PARAMS = -32602;

/** Our catalogues throw the v1 SDK's McpError; the v2 server answers its own ProtocolError with the same code. */
function asProtocolError(error: unknown): ProtocolError {
  if (error instanceof ProtocolError) return error;
  if (error instanceof McpError || error instanceof UpstreamRpcError) return new ProtocolError(error.code, error.message.replace(/^MCP error -?\d+: /, ''));
  return new ProtocolError(INTERNAL_ERROR, 'the upstream behind this is unavailable; try again later');
}
const rethrown = (error: unknown): never => {
  throw asProtocolError(error);
};

/** Who a conversation belongs to: the caller's user, client and endpoint (the token's audience). */
const ownerOf = (auth: AuthInfo | undefined) => `${String(auth?.extra?.subject)}\n${auth?.clientId}\n${auth?.resource?.href}`;

const wire = (round: Round): CallToolResult | ReturnType<typeof inputRequired> =>
  round.kind === 'complete' ? round.result : inputRequired({ inputRequests: round.inputRequests as never, requestState: round.requestState });

export function createModernServer(services: EndpointServices, rounds: InputRounds): Server {
  const { tools, prompts, resources, resolveCaller, callTool } = services;
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { subscribe: true, listChanged: true }, completions: {}, logging: {} },
    instructions: 'Tools the signed-in user authorized for this client, through the Gangway AI gateway.',
  });
  const caller = (ctx: ServerContext) => resolveCaller(ctx.http?.authInfo as AuthInfo | undefined);

  server.setRequestHandler('tools/list', async (_request, ctx) => ({ tools: await tools.list(await caller(ctx)) }) as never);
  server.setRequestHandler('prompts/list', async (_request, ctx) => ({ prompts: await prompts.list(await caller(ctx)) }));
  server.setRequestHandler('prompts/get', async (request, ctx) => {
    const found = await prompts.get(await caller(ctx), request.params.name, request.params.arguments ?? {}).catch(rethrown);
    if (!found) throw new ProtocolError(INVALID_PARAMS, `Unknown prompt: ${request.params.name}`);
    return found as never;
  });
  server.setRequestHandler('completion/complete', async (request, ctx) => (await prompts.complete(await caller(ctx), request.params as never).catch(rethrown)) as never);
  server.setRequestHandler('resources/list', async (_request, ctx) => ({ resources: await resources.list(await caller(ctx)) }) as never);
  server.setRequestHandler('resources/templates/list', async (_request, ctx) => ({ resourceTemplates: await resources.templates(await caller(ctx)) }) as never);
  server.setRequestHandler('resources/read', async (request, ctx) => {
    const read = await resources.read(await caller(ctx), request.params.uri).catch(rethrown);
    if (!read) throw new ResourceNotFoundError(request.params.uri.slice(0, 200));
    return read as never;
  });

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name } = request.params;
    const auth = ctx.http?.authInfo as AuthInfo | undefined;
    const owner = ownerOf(auth);
    const requestState = ctx.mcpReq.requestState<string>();
    if (requestState !== undefined) {
      // The client's retry with its answers (a new request): the call is still open upstream.
      const conversation = rounds.resume(requestState, owner, name);
      if (!conversation) throw new ProtocolError(INVALID_PARAMS, 'requestState is unknown or has expired: call the tool again without it');
      conversation.stream = streamOf(ctx, conversation.stream?.progressToken);
      conversation.answer(ctx.mcpReq.inputResponses ?? {});
      return wire(await settleRound(conversation, rounds, ctx)) as never;
    }
    const conversation = new Conversation(owner, name);
    // The envelope is keyed by the spec's `_meta` names (io.modelcontextprotocol/…).
    const envelope = (ctx.mcpReq.envelope ?? {}) as Record<string, unknown>;
    const logLevel = envelope[LOG_LEVEL_META_KEY];
    // Asked only of a client that declared the capability in this request, as in 2025 (clientRequests.ts).
    const onUpstreamRequest = clientRequestHandler(envelope[CLIENT_CAPABILITIES_META_KEY] as never, (question, schema) =>
      conversation.ask(question, (response) => (schema === ElicitResultSchema ? ElicitResultSchema : CreateMessageResultSchema).parse(response)),
    );
    conversation.stream = streamOf(ctx);
    // Progress and log messages go to the stream of whichever round is under way when they come.
    const onProgress =
      conversation.stream.progressToken === undefined
        ? undefined
        : (progress: { progress: number; total?: number; message?: string }) => conversation.stream?.notify({ method: 'notifications/progress', params: { progressToken: conversation.stream.progressToken!, ...progress } });
    // 2026-07-28 has no logging/setLevel: the level travels with the request (`_meta`).
    const threshold = typeof logLevel === 'string' ? LEVELS.indexOf(logLevel) : -1;
    const onLog = threshold < 0 ? undefined : (params: Record<string, unknown>) => LEVELS.indexOf(String(params.level)) >= threshold && conversation.stream?.notify({ method: 'notifications/message', params });
    const who = await caller(ctx);
    if (typeof logLevel === 'string' && threshold >= 0) await services.setLogLevel(who, logLevel);
    conversation.start(
      callTool(who, name, request.params.arguments ?? {}, { ...(onProgress ? { onProgress } : {}), ...(onLog ? { onLog } : {}), onUpstreamRequest, signal: conversation.signal }),
    );
    return wire(await settleRound(conversation, rounds, ctx)) as never;
  });

  return server;
}

/** The round's own response stream, under its progress token (a retry without one keeps the first's). */
function streamOf(ctx: ServerContext, earlierToken?: string | number): RoundStream {
  const token = ctx.mcpReq._meta?.progressToken ?? earlierToken;
  return { notify: (notification) => void ctx.mcpReq.notify(notification as never).catch(() => undefined), ...(token === undefined ? {} : { progressToken: token }) };
}

/** One round of a call: its result, or the questions the client must answer (the conversation is then kept for the retry). */
async function settleRound(conversation: Conversation, rounds: InputRounds, ctx: ServerContext): Promise<Round> {
  // The client hanging up (or cancelling) while this round waits gives the call up; once the round
  // is answered, the request's end is not a cancellation.
  const cancelled = () => conversation.finished || conversation.abandon('the AI client cancelled the call');
  ctx.mcpReq.signal.addEventListener('abort', cancelled, { once: true });
  try {
    const round = await conversation.round();
    if (round.kind === 'input_required') rounds.keep(conversation);
    else rounds.forget(conversation);
    return round;
  } catch (error) {
    rounds.forget(conversation);
    if (ctx.mcpReq.signal.aborted) throw new ProtocolError(INTERNAL_ERROR, 'the call was cancelled');
    throw asProtocolError(error);
  } finally {
    ctx.mcpReq.signal.removeEventListener('abort', cancelled);
  }
}
