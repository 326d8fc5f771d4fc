/**
 * TRANSPORT-08: resumability. Each MCP session keeps a short log of the SSE events it sent, so a
 * client whose stream broke can reconnect with Last-Event-ID and receive what it missed; with it
 * the SDK transport also sends the 2025-11-25 priming event (an id and a `retry` hint) first.
 *
 * One log per session, so an event id is meaningless outside the session that issued it. Bounded:
 * the oldest events are dropped beyond the cap, so an idle client cannot make it grow.
 */
import { randomBytes } from 'node:crypto';
import type { EventStore } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

interface LoggedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly message: JSONRPCMessage;
}

export const MAX_EVENTS_PER_SESSION = 200;

export class SessionEventLog implements EventStore {
  readonly #events: LoggedEvent[] = [];
  /** Random per session, so an id from one session never names an event of another. */
  readonly #prefix = randomBytes(9).toString('base64url');
  #next = 0;

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const id = `${this.#prefix}.${++this.#next}`;
    this.#events.push({ id, streamId, message });
    if (this.#events.length > MAX_EVENTS_PER_SESSION) this.#events.shift();
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
      // Priming events carry no message; there is nothing to resend for them.
      if (event.streamId === streamId && 'jsonrpc' in event.message) await send(event.id, event.message);
    }
    return streamId;
  }
}
