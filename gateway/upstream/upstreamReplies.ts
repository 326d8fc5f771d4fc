/**
 * The client's answers to requests an upstream makes during one of the gateway's requests
 * (elicitation, sampling, roots): each is passed to the caller's handler and its result — or its
 * refusal, keeping the JSON-RPC code — posted back to the upstream.
 */
import { isJsonObject, type JsonObject } from '../../wire/jsonRpcMessages.ts';
import type { Logger } from '../logging/logger.ts';
import type { OutboundFetch } from '../net/outboundFetch.ts';
import type { UpstreamRequestHandler } from './upstreamMcp.ts';
import { UpstreamRpcError } from './upstreamRefusals.ts';
import { postReply, type RpcTarget } from './upstreamRpc.ts';

const JSONRPC_METHOD_NOT_FOUND = -32601;

export function upstreamReplier(fetch: OutboundFetch, logger: Logger) {
  /**
   * Answers the upstream's request `message` through `handler`, or refuses it when there is none.
   * `asking` holds the requests under way (by the upstream's id) so the upstream's cancellation can
   * reach the client; a cancelled request gets no answer (the spec: the receiver stops, says nothing).
   */
  return async (message: JsonObject, answerTarget: RpcTarget, handler: UpstreamRequestHandler | undefined, asking: Map<unknown, AbortController>): Promise<void> => {
    let reply: Parameters<typeof postReply>[2];
    const cancel = new AbortController();
    asking.set(message.id, cancel);
    try {
      if (!handler || !isJsonObject(message.params ?? {})) throw new UpstreamRpcError(JSONRPC_METHOD_NOT_FOUND, `the gateway cannot pass ${String(message.method).slice(0, 60)} on to the AI client here`);
      reply = { id: message.id, result: await handler(String(message.method), (message.params ?? {}) as JsonObject, cancel.signal) };
    } catch (error) {
      // The client's own JSON-RPC error (an McpError from the SDK, a refusal of ours) keeps its code.
      const code = typeof (error as { code?: unknown })?.code === 'number' ? (error as { code: number }).code : -32603;
      // The SDK's McpError puts "MCP error <code>: " in front of its message; the upstream's SDK adds its own.
      const text = ((error as Error)?.message ?? 'the AI client did not answer').replace(/^(MCP error -?\d+: )+/, '');
      reply = { id: message.id, error: { code, message: text } };
    } finally {
      asking.delete(message.id);
    }
    if (cancel.signal.aborted) return;
    await postReply(fetch, answerTarget, reply).catch((error: unknown) => logger.warn('upstream.reply_failed', { error: (error as Error)?.message }));
  };
}
