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

type Message = { id?: unknown; method?: unknown; result?: unknown; error?: unknown; params?: { requestId?: unknown } };

const isRequest = (message: Message) => typeof message.method === 'string' && message.id !== undefined;
const isAnswer = (message: Message) => message.method === undefined && message.id !== undefined && ('result' in message || 'error' in message);

/** The replica an answer's id names (`<12 characters>.<n>`), when it names one. */
export function replicaOfAnswer(message: unknown): string | undefined {
  const body = message as Message | null;
  if (!body || typeof body !== 'object' || !isAnswer(body) || typeof body.id !== 'string') return undefined;
  return /^([A-Za-z0-9_-]{12})\.\d{1,15}$/.exec(body.id)?.[1];
}

/** Installs the prefixing on a transport the SDK server is already connected to. */
export function tagServerRequests(transport: Transport, replicaId: string): void {
  const prefix = `${replicaId}.`;
  const deliver = transport.onmessage;
  const send = transport.send.bind(transport);
  if (!deliver) throw new Error('tagServerRequests: connect the server to the transport first');
  transport.send = (message, options) => {
    const body = message as Message;
    if (isRequest(body)) return send({ ...message, id: `${prefix}${String(body.id)}` } as JSONRPCMessage, options);
    if (body.method === 'notifications/cancelled' && body.params?.requestId !== undefined) {
      return send({ ...message, params: { ...body.params, requestId: `${prefix}${String(body.params.requestId)}` } } as JSONRPCMessage, options);
    }
    return send(message, options);
  };
  transport.onmessage = (message, extra) => {
    const body = message as Message;
    if (isAnswer(body) && typeof body.id === 'string' && body.id.startsWith(prefix)) {
      const id = Number(body.id.slice(prefix.length));
      if (Number.isSafeInteger(id)) return deliver({ ...message, id } as JSONRPCMessage, extra);
    }
    return deliver(message, extra);
  };
}
