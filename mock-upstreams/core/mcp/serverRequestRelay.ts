/**
 * Server-to-client requests (elicitation/create, sampling/createMessage) over a stateless endpoint.
 * The request leaves on the SSE answer stream of the client's tools/call POST; the client answers
 * in a separate POST, which reaches a different handler invocation. Every McpServer numbers its own
 * requests from 0, so concurrent calls would collide: outgoing ids are rewritten to unique ones here
 * and the answer is handed back, under its original id, to the server that is still waiting —
 * only when it comes with the same credential as the call that asked.
 */
import { randomUUID } from 'node:crypto';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isJSONRPCRequest, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';

interface Pending {
  readonly fingerprint: string;
  readonly originalId: RequestId;
  readonly transport: Transport;
}

export class ServerRequestRelay {
  readonly #pending = new Map<string, Pending>();

  /** Call after `server.connect(transport)`; returns the detach to call when the server closes. */
  attach(transport: Transport, fingerprint: string): () => void {
    const mine = new Set<string>();
    const send = transport.send.bind(transport);
    transport.send = (message, options) => {
      if (!isJSONRPCRequest(message)) return send(message, options);
      const id = `mock-${randomUUID()}`;
      mine.add(id);
      this.#pending.set(id, { fingerprint, originalId: message.id, transport });
      return send({ ...message, id }, options);
    };
    return () => {
      for (const id of mine) this.#pending.delete(id);
    };
  }

  /** Hands each answer to its waiting server; false when any answer has no waiting request. */
  route(answers: readonly JSONRPCMessage[], fingerprint: string): boolean {
    const targets = answers.map((answer) => {
      const id = 'id' in answer && typeof answer.id === 'string' ? answer.id : undefined;
      const pending = id === undefined ? undefined : this.#pending.get(id);
      return pending?.fingerprint === fingerprint ? { id: id!, pending, answer } : undefined;
    });
    if (targets.some((t) => t === undefined)) return false;
    for (const target of targets) {
      this.#pending.delete(target!.id);
      target!.pending.transport.onmessage?.({ ...target!.answer, id: target!.pending.originalId } as JSONRPCMessage);
    }
    return true;
  }
}
