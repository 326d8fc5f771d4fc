/**
 * The StoreChannel of the embedded store: one process owns the SQLite file's gateway, so a message
 * reaches this process's subscribers only (issue 14) — asynchronously, and a listener that throws
 * never breaks the publisher. Same payload rules as the PostgreSQL channel, so code that works here
 * does not fail there.
 */
import { ChannelListeners, checkChannelPayload } from '../channelListeners.ts';
import type { StoreChannel } from '../store.ts';

export function inProcessChannel(onListenerError?: (topic: string, error: unknown) => void): StoreChannel {
  const listeners = new ChannelListeners(onListenerError);
  return {
    async publish(topic, payload) {
      checkChannelPayload(topic, payload);
      listeners.deliver(topic, payload);
    },
    subscribe(topic, listener) {
      checkChannelPayload(topic, '');
      listeners.add(topic, listener);
    },
  };
}
