/**
 * An SDK `Transport` that lets ONE connected McpServer answer every HTTP POST of every client with
 * a single `application/json` body — what the SDK's stateless transport cannot do (it refuses to be
 * reused across requests, so its users build a server per request). Requests from many clients
 * share id spaces (everyone starts at 0), so each request gets a private id on the way in and its
 * own id back on the way out; the server never sees two in-flight requests with the same id.
 */
import type { ServerResponse } from 'node:http';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

interface Pending {
  readonly res: ServerResponse;
  readonly clientId: string | number;
}

export class JsonHttpTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.onclose?.();
  }

  /** One POST body: a request gets its answer as JSON; a notification or response gets 202. */
  async handle(body: string, res: ServerResponse): Promise<void> {
    let message: JSONRPCMessage;
    try {
      message = JSON.parse(body) as JSONRPCMessage;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }));
      return;
    }
    if (!('method' in message) || !('id' in message)) {
      res.writeHead(202).end();
      if ('method' in message) this.onmessage?.(message);
      return;
    }
    const id = this.#nextId++;
    this.#pending.set(id, { res, clientId: message.id });
    this.onmessage?.({ ...message, id });
  }

  /** Answers go to the POST that asked; anything the server says unprompted has nowhere to go (no SSE). */
  async send(message: JSONRPCMessage): Promise<void> {
    if ('method' in message || !('id' in message) || typeof message.id !== 'number') return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    pending.res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...message, id: pending.clientId }));
  }
}
