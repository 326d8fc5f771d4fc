/**
 * TRANSPORT-08: resumability. Each MCP session keeps a short log of the SSE events it sent, so a
 * client whose stream broke can reconnect with Last-Event-ID and receive what it missed; with it
 * the SDK transport also sends the 2025-11-25 priming event (an id and a `retry` hint) first.
 *
 * The log lives in the store (issue 14), not in this process: a stream broken because its replica
 * died resumes on another replica, which replays from the same log. An event id is the store's
 * sequence number, looked up together with the session id, so an id from one session never names
 * an event of another.
 *
 * Bounded by count AND by bytes (issue 11 #9): a count alone let each session keep 200 full tool
 * results of any size. The store trims the oldest first and always keeps the newest, so the
 * response in flight can still be replayed. Trimming is amortised over TRIM_EVERY appends: a
 * session holds at most MAX_EVENTS_PER_SESSION + TRIM_EVERY events between two trims.
 */
import type { EventStore } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { McpEventStore } from '../store/store.ts';

export const MAX_EVENTS_PER_SESSION = 200;
/** A few dozen ordinary tool results; a client resumes within seconds (the `retry` hint is 2 s). */
export const MAX_EVENT_BYTES_PER_SESSION = 128 * 1024;
export const TRIM_EVERY = 16;

export class SessionEventLog implements EventStore {
  readonly #events: McpEventStore;
  readonly #sessionId: string;
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #sinceTrim = 0;
  /** The append before the next one (storeEvent). */
  #previous: Promise<unknown> = Promise.resolve();
  /**
   * While a replica rebuilds a session it already knows (sessionTransport.ts), the SDK answers a
   * replayed `initialize` that no client will ever see: nothing of it belongs in the log.
   */
  muted = false;

  constructor(events: McpEventStore, sessionId: string, limits: { maxEvents?: number; maxBytes?: number } = {}) {
    this.#events = events;
    this.#sessionId = sessionId;
    this.#maxEvents = limits.maxEvents ?? MAX_EVENTS_PER_SESSION;
    this.#maxBytes = limits.maxBytes ?? MAX_EVENT_BYTES_PER_SESSION;
  }

  /**
   * One append at a time, in the order the transport asks. The SDK writes an event to its stream
   * when its id comes back; two appends racing to the database (PostgreSQL) would come back in
   * either order and put a stream's events out of order — progress 1, 3, 2 (RELAY-03).
   */
  storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    if (this.muted) return Promise.resolve('0');
    const stored = this.#previous.then(() => this.#append(streamId, message));
    this.#previous = stored.catch(() => undefined);
    return stored;
  }

  async #append(streamId: string, message: JSONRPCMessage): Promise<string> {
    const json = JSON.stringify(message);
    const seq = await this.#events.append(this.#sessionId, streamId, json);
    // Large results trim at once (the byte budget); small ones every TRIM_EVERY appends.
    if (++this.#sinceTrim >= TRIM_EVERY || json.length > this.#maxBytes / 8) {
      this.#sinceTrim = 0;
      await this.#events.trim(this.#sessionId, this.#maxEvents, this.#maxBytes);
    }
    return String(seq);
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    const seq = parseSeq(eventId);
    return seq === undefined ? undefined : this.#events.streamOf(this.#sessionId, seq);
  }

  async replayEventsAfter(lastEventId: string, { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> }): Promise<string> {
    const seq = parseSeq(lastEventId);
    const streamId = seq === undefined ? undefined : await this.#events.streamOf(this.#sessionId, seq);
    if (seq === undefined || streamId === undefined) throw new Error('unknown event id');
    for (const event of await this.#events.after(this.#sessionId, streamId, seq)) {
      await send(String(event.seq), JSON.parse(event.json) as JSONRPCMessage);
    }
    return streamId;
  }
}

/** A Last-Event-ID is a client's text: only a plain positive integer names an event. */
function parseSeq(eventId: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(eventId)) return undefined;
  return Number(eventId);
}
