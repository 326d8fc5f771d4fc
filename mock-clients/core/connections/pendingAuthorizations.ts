/**
 * Authorization requests in flight, keyed by `state`: random, single-use, ten minutes (AS-08's
 * client side). The PKCE verifier lives here until the callback redeems the code, and the entry
 * is bound to the browser account that started it, so a callback from another browser is refused.
 */
import { randomBytes } from 'node:crypto';
import type { ServerDiscovery } from '../oauth/discovery.ts';
import type { RegisteredClient } from '../oauth/registration.ts';

export interface PendingAuthorization {
  readonly connectionId: string;
  readonly accountId: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
  readonly discovery: ServerDiscovery;
  readonly client: RegisteredClient;
  readonly expiresAt: number;
}

const LIFETIME_MS = 10 * 60 * 1000;
const MAX_PENDING = 10_000;

export class PendingAuthorizations {
  readonly #byState = new Map<string, PendingAuthorization>();

  newState(): string {
    return randomBytes(24).toString('base64url');
  }

  add(state: string, pending: Omit<PendingAuthorization, 'expiresAt'>, now = Date.now()): void {
    for (const [key, entry] of this.#byState) if (entry.expiresAt <= now) this.#byState.delete(key);
    // Bounded: an abandoned flow cannot grow memory without limit.
    if (this.#byState.size >= MAX_PENDING) this.#byState.delete(this.#byState.keys().next().value as string);
    this.#byState.set(state, { ...pending, expiresAt: now + LIFETIME_MS });
  }

  /** The entry for `state`, removed (single use); undefined when unknown or expired. */
  take(state: string, now = Date.now()): PendingAuthorization | undefined {
    const entry = this.#byState.get(state);
    this.#byState.delete(state);
    return entry && entry.expiresAt > now ? entry : undefined;
  }
}
