/**
 * The subscriber side of a StoreChannel, shared by both stores: listeners per topic, called
 * asynchronously (a publisher never runs a subscriber's code on its own stack) and each on its own,
 * so one that throws neither breaks the publisher nor keeps the others from hearing the message.
 */
export const MAX_CHANNEL_PAYLOAD_BYTES = 7000;

/** PostgreSQL's NOTIFY refuses payloads of 8000 bytes; both stores refuse beyond the documented 7000 alike. */
export function checkChannelPayload(topic: string, payload: string): void {
  if (!/^[a-z0-9_.-]{1,40}$/.test(topic)) throw new RangeError(`store channel: topic "${topic.slice(0, 60)}" must be 1–40 characters of a-z, 0-9, _ . -`);
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > MAX_CHANNEL_PAYLOAD_BYTES) throw new RangeError(`store channel: a ${bytes}-byte payload on "${topic}" exceeds ${MAX_CHANNEL_PAYLOAD_BYTES} bytes`);
}

export class ChannelListeners {
  readonly #byTopic = new Map<string, Set<(payload: string) => void>>();
  readonly #onListenerError: (topic: string, error: unknown) => void;

  constructor(onListenerError: (topic: string, error: unknown) => void = () => {}) {
    this.#onListenerError = onListenerError;
  }

  /** Adds a listener; true when it is the topic's first (the Postgres channel then LISTENs). */
  add(topic: string, listener: (payload: string) => void): boolean {
    let listeners = this.#byTopic.get(topic);
    const first = !listeners;
    if (!listeners) this.#byTopic.set(topic, (listeners = new Set()));
    listeners.add(listener);
    return first;
  }

  topics(): string[] {
    return [...this.#byTopic.keys()];
  }

  deliver(topic: string, payload: string): void {
    const listeners = this.#byTopic.get(topic);
    if (!listeners) return;
    for (const listener of listeners) {
      setImmediate(() => {
        try {
          listener(payload);
        } catch (error) {
          this.#onListenerError(topic, error);
        }
      });
    }
  }
}
