/**
 * What a client sets during a session — its log level, its resource subscriptions — must survive
 * the session moving to another replica (issue 14). The modules that hold that state call
 * `stateChanged`; the session's owner (sessionTransport.ts) listens and saves it to the store.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';

const listeners = new WeakMap<Server, () => void>();

export function onStateChange(server: Server, listener: () => void): void {
  listeners.set(server, listener);
}

export function stateChanged(server: Server): void {
  listeners.get(server)?.();
}
