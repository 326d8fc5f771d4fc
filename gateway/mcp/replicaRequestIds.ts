/**
 * A 2025 session served by several replicas (issue 14): each replica's copy of the session has its
 * own SDK server, and each numbers the requests it sends the client (elicitation, sampling,
 * roots/list relayed during a call) from 0. Two copies would reuse ids within one session, and the
 * client's answer — a POST of its own — may reach a replica that did not ask.
 *
 * So every request a copy sends leaves with its id prefixed by the replica's id (`<replica>.<n>`;
 * JSON-RPC ids may be strings), and the answer coming back has the prefix taken off before the SDK
 * sees it. An answer naming another replica is passed there (replicaForwarding.ts). Cancellations
 * the server sends name its requests the same way.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { readTag, tagFor } from './replicaTag.ts';

type Message = { id?: unknown; method?: unknown; result?: unknown; error?: unknown; params?: { requestId?: unknown } };

const isRequest = (message: Message) => typeof message.method === 'string' && message.id !== undefined;
const isAnswer = (message: Message) => message.method === undefined && message.id !== undefined && ('result' in message || 'error' in message);

/** The replica and number of a question id the gateway sent (`<replica>.<n>`); undefined for anything else. */
function questionId(id: unknown): { replicaId: string; n: number } | undefined {
  const tag = typeof id === 'string' ? readTag(id) : undefined;
  return tag && /^\d{1,15}$/.test(tag.rest) ? { replicaId: tag.replicaId, n: Number(tag.rest) } : undefined;
}

/** The replica an answer's id names, when it names one. */
export function replicaOfAnswer(message: unknown): string | undefined {
  const body = message as Message | null;
  return body && typeof body === 'object' && isAnswer(body) ? questionId(body.id)?.replicaId : undefined;
}

/** Installs the prefixing on a transport the SDK server is already connected to. */
export function tagServerRequests(transport: Transport, replicaId: string): void {
  const deliver = transport.onmessage;
  const send = transport.send.bind(transport);
  if (!deliver) throw new Error('tagServerRequests: connect the server to the transport first');
  transport.send = (message, options) => {
    const body = message as Message;
    if (isRequest(body)) return send({ ...message, id: tagFor(replicaId, String(body.id)) } as JSONRPCMessage, options);
    if (body.method === 'notifications/cancelled' && body.params?.requestId !== undefined) {
      return send({ ...message, params: { ...body.params, requestId: tagFor(replicaId, String(body.params.requestId)) } } as JSONRPCMessage, options);
    }
    return send(message, options);
  };
  transport.onmessage = (message, extra) => {
    const body = message as Message;
    const asked = isAnswer(body) ? questionId(body.id) : undefined;
    if (asked?.replicaId === replicaId) return deliver({ ...message, id: asked.n } as JSONRPCMessage, extra);
    return deliver(message, extra);
  };
}
