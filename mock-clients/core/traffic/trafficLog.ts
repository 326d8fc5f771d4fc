/**
 * The traffic recording of one startMockClients: every exchange each client had with the gateway,
 * in the order the requests started. Entries are complete when recorded (answers whose body matters
 * are read first), so `settled()` waits for the ones still reading; the clients call it before they
 * show a result, and scenario checks can call it before reading.
 */
import type { ClientProfileId } from '../profileTypes.ts';
import { describeExchange } from './describeExchange.ts';
import { matchesTrafficFilter, type TrafficExchange, type TrafficFilter } from './exchange.ts';
import type { Fingerprint } from '../../../wire/fingerprint.ts';
import type { RawExchange } from './rawExchange.ts';

/** What startMockClients hands out: read-only access plus clear(). */
export interface TrafficRecording {
  /** Matching exchanges, oldest first (copies: changing them changes nothing). */
  list(filter?: TrafficFilter): TrafficExchange[];
  clear(): void;
  /** Resolves when every exchange already started has been recorded (at most a few seconds). */
  settled(): Promise<void>;
  /** The fingerprint a secret would have in this recording (to correlate with a secret you hold). */
  fingerprint(secret: string): string;
}

const SETTLE_LIMIT_MS = 5_000;

export class TrafficLog implements TrafficRecording {
  readonly #fp: Fingerprint;
  #entries: TrafficExchange[] = [];
  #seq = 0;
  #clearedThrough = 0;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(fingerprint: Fingerprint) {
    this.#fp = fingerprint;
  }

  /** A sequence number taken when a request starts, so late-finishing answers keep their place. */
  reserve(): number {
    return ++this.#seq;
  }

  record(profile: ClientProfileId, from: 'backend' | 'browser', raw: RawExchange, seq = this.reserve()): TrafficExchange | undefined {
    // An exchange that started before clear() belongs to the cleared past.
    if (seq <= this.#clearedThrough) return undefined;
    const entry: TrafficExchange = { seq, profile, from, ...describeExchange(raw, this.#fp) };
    this.#entries.push(entry);
    return entry;
  }

  /** Keeps track of an answer still being read, for settled(). */
  track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  list(filter: TrafficFilter = {}): TrafficExchange[] {
    return structuredClone(this.#entries.filter((entry) => matchesTrafficFilter(entry, filter)).sort((a, b) => a.seq - b.seq));
  }

  clear(): void {
    this.#entries = [];
    this.#clearedThrough = this.#seq;
  }

  async settled(): Promise<void> {
    const deadline = Date.now() + SETTLE_LIMIT_MS;
    while (this.#pending.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.all([...this.#pending]), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
    }
  }

  fingerprint(secret: string): string {
    return this.#fp(secret);
  }
}
