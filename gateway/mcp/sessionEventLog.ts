/**
 * TRANSPORT-08: resumability. Each MCP session keeps a short log of the SSE events it sent, so a
 * client whose stream broke can reconnect with Last-Event-ID and receive what it missed; with it
 * the SDK transport also sends the 2025-11-25 priming event (an id and a `retry` hint) first.
 *
 * One log per session, so an event id is meaningless outside the session that issued it. Bounded
 * by count AND by bytes (issue 11 #9): a count alone let each session keep 200 full tool results —
 * of any size — alive long enough to be promoted to V8's old generation, which is what made the
 * heap, and with it RSS, grow under load. Events are kept as their JSON text (one flat string the
 * collector never traces), and the oldest are dropped first; the newest is always kept, even alone
 * over the budget, so the response in flight can still be replayed.
 */
import { randomBytes } from 'node:crypto';
import type { EventStore } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

interface LoggedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly json: string;
}

export const MAX_EVENTS_PER_SESSION = 200;
/** A few dozen ordinary tool results; a client resumes within seconds (the `retry` hint is 2 s). */
export const MAX_EVENT_BYTES_PER_SESSION = 128 * 1024;

export class SessionEventLog implements EventStore {
  readonly #events: LoggedEvent[] = [];
  /** Random per session, so an id from one session never names an event of another. */
  readonly #prefix = randomBytes(9).toString('base64url');
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #bytes = 0;
  #next = 0;

  constructor(limits: { maxEvents?: number; maxBytes?: number } = {}) {
    this.#maxEvents = limits.maxEvents ?? MAX_EVENTS_PER_SESSION;
    this.#maxBytes = limits.maxBytes ?? MAX_EVENT_BYTES_PER_SESSION;
  }

  /** Events held now. */
  get size(): number {
    return this.#events.length;
  }

  /** Characters of JSON held now (≈ bytes for the mostly ASCII JSON-RPC traffic). */
  get bytes(): number {
    return this.#bytes;
  }

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const id = `${this.#prefix}.${++this.#next}`;
    const json = JSON.stringify(message);
    this.#events.push({ id, streamId, json });
    this.#bytes += json.length;
    while (this.#events.length > 1 && (this.#events.length > this.#maxEvents || this.#bytes > this.#maxBytes)) {
      this.#bytes -= this.#events.shift()!.json.length;
    }
    return id;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    return this.#events.find((event) => event.id === eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId: string, { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> }): Promise<string> {
    const index = this.#events.findIndex((event) => event.id === lastEventId);
    if (index < 0) throw new Error('unknown event id');
    const { streamId } = this.#events[index]!;
    for (const event of this.#events.slice(index + 1)) {
      if (event.streamId !== streamId) continue;
      const message = JSON.parse(event.json) as JSONRPCMessage;
      // Priming events carry no message; there is nothing to resend for them.
      if ('jsonrpc' in message) await send(event.id, message);
    }
    return streamId;
  }
}
