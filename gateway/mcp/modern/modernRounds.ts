/**
 * One 2026-07-28 request whose upstream may ask the client something (tools/call, prompts/get,
 * resources/read — the methods the spec lets answer `input_required`), run as a conversation of
 * rounds (inputRounds.ts): the first request starts the upstream call; each retry brings the
 * client's answers under the `requestState` it was given and gets the next questions or the answer.
 *
 * What the client did not declare (in this request's `_meta`) is refused to the upstream, as in
 * 2025. When the upstream then gives up — a tool error, or a failed prompt or read — the client is
 * told which capability it lacked: `MissingRequiredClientCapabilityError` (-32021, HTTP 400), as the
 * revision requires of a server that cannot serve a request without a capability. An upstream that
 * copes without it (asks something else, answers anyway) is answered as usual.
 */
import { CLIENT_CAPABILITIES_META_KEY, inputRequired, MissingRequiredClientCapabilityError, ProtocolError, type ServerContext } from '@modelcontextprotocol/server';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { ToolCaller } from '../../tools/toolCatalog.ts';
import { UpstreamRpcError } from '../../upstream/upstreamRefusals.ts';
import { capabilityFor, clientRequestHandler, type ClientRequestHandler, type ConsentGuard } from '../clientRequests.ts';
import { Conversation, type Answer, type InputRounds, type Round, type RoundStream } from './inputRounds.ts';

const INTERNAL_ERROR = -32603;
const INVALID_PARAMS = -32602;

/** Our catalogues throw the v1 SDK's McpError; the v2 server answers its own ProtocolError with the same code. */
export function asProtocolError(error: unknown): ProtocolError {
  if (error instanceof ProtocolError) return error;
  if (error instanceof McpError || error instanceof UpstreamRpcError) return new ProtocolError(error.code, error.message.replace(/^(MCP error -?\d+: )+/, ''));
  return new ProtocolError(INTERNAL_ERROR, 'the upstream behind this is unavailable; try again later');
}

/** What the request's upstream call gets: who asks, where its questions go, when to stop, where its notifications go. */
export interface RoundStart {
  readonly ask: ClientRequestHandler;
  readonly signal: AbortSignal;
  readonly conversation: Conversation;
}

export interface RoundsDeps {
  readonly rounds: InputRounds;
  readonly guardAsk: ConsentGuard;
}

/** Who a conversation belongs to: the caller's user, client and endpoint (the token's audience). */
const ownerOf = (auth: AuthInfo | undefined) => `${String(auth?.extra?.subject)}\n${auth?.clientId}\n${auth?.resource?.href}`;

/** The round's own response stream, under its progress token (a retry without one keeps the first's). */
function streamOf(ctx: ServerContext, earlierToken?: string | number): RoundStream {
  const token = ctx.mcpReq._meta?.progressToken ?? earlierToken;
  return { notify: (notification) => void ctx.mcpReq.notify(notification as never).catch(() => undefined), ...(token === undefined ? {} : { progressToken: token }) };
}

/**
 * Runs a request in rounds. `key` names what is asked for (the tool, prompt or resource): a
 * requestState resumes only a conversation of the same caller and the same key.
 */
export async function inRounds(ctx: ServerContext, caller: ToolCaller, key: string, { rounds, guardAsk }: RoundsDeps, start: (run: RoundStart) => Promise<Answer>): Promise<Answer> {
  const owner = ownerOf(ctx.http?.authInfo as AuthInfo | undefined);
  const requestState = ctx.mcpReq.requestState<string>();
  let conversation: Conversation;
  if (requestState !== undefined) {
    // The client's retry with its answers (a new request): the call is still open upstream.
    const resumed = rounds.resume(requestState, owner, key);
    if (!resumed) throw new ProtocolError(INVALID_PARAMS, 'requestState is unknown or has expired: send the request again without it');
    conversation = resumed;
    conversation.stream = streamOf(ctx, conversation.stream?.progressToken);
    conversation.answer(ctx.mcpReq.inputResponses ?? {});
  } else {
    conversation = new Conversation(owner, key, rounds.statePrefix);
    conversation.stream = streamOf(ctx);
    const declared = ((ctx.mcpReq.envelope ?? {}) as Record<string, unknown>)[CLIENT_CAPABILITIES_META_KEY] as Record<string, unknown> | undefined;
    const relay = clientRequestHandler(declared as never, (question, schema, signal) => conversation.ask(question, (response) => (schema as { parse(value: unknown): unknown }).parse(response), signal));
    const noted: ClientRequestHandler = async (method, params, signal) => {
      const capability = capabilityFor(method);
      if (capability && !declared?.[capability]) conversation.undeclared.add(capability);
      return relay(method, params, signal);
    };
    conversation.start(start({ ask: guardAsk(caller, noted), signal: conversation.signal, conversation }));
  }
  const round = await settleRound(conversation, rounds, ctx);
  if (round.kind === 'input_required') return inputRequired({ inputRequests: round.inputRequests as never, requestState: round.requestState }) as unknown as Answer;
  if (round.result.isError === true && conversation.undeclared.size) throw missingCapabilities(conversation);
  return round.result;
}

function missingCapabilities(conversation: Conversation): MissingRequiredClientCapabilityError {
  const names = [...conversation.undeclared];
  return new MissingRequiredClientCapabilityError(
    { requiredCapabilities: Object.fromEntries(names.map((name) => [name, {}])) },
    `the upstream needs the client's ${names.join(' and ')} capability for this request; declare it in _meta to be asked`,
  );
}

/** One round: the answer, or the questions the client must answer (the conversation is then kept for the retry). */
async function settleRound(conversation: Conversation, rounds: InputRounds, ctx: ServerContext): Promise<Round> {
  // The client hanging up (or cancelling) while this round waits gives the call up; once the round
  // is answered, the request's end is not a cancellation.
  const cancelled = () => conversation.finished || conversation.abandon('the AI client cancelled the request');
  ctx.mcpReq.signal.addEventListener('abort', cancelled, { once: true });
  try {
    const round = await conversation.round();
    if (round.kind === 'input_required') rounds.keep(conversation);
    else rounds.forget(conversation);
    return round;
  } catch (error) {
    rounds.forget(conversation);
    if (ctx.mcpReq.signal.aborted) throw new ProtocolError(INTERNAL_ERROR, 'the request was cancelled');
    if (conversation.undeclared.size) throw missingCapabilities(conversation);
    throw asProtocolError(error);
  } finally {
    ctx.mcpReq.signal.removeEventListener('abort', cancelled);
  }
}
