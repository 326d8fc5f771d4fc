/**
 * Every request a mock vendor answers, in order: method, path (no query string — codes and states
 * travel there), area, the *kind* of credential presented, OAuth grant type, JSON-RPC method and
 * tool name, status and which fault knob answered. Secrets are never stored: each secret the request
 * carried is kept only as a keyed fingerprint (wire/fingerprint.ts: HMAC under a random key, never exported),
 * so a test can still ask "did this bearer value ever arrive?" (AUTH-09) without the recording
 * containing it.
 */
import type { VendorId } from '../../fixtures/vendors/types.ts';
import { createFingerprinter } from '../../wire/fingerprint.ts';

export type RequestArea = 'mcp' | 'oauth' | 'api';

export interface RecordedRequest {
  readonly seq: number;
  readonly vendor: VendorId;
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly area: RequestArea;
  /** e.g. `classic-pat`, `oauth-access-token`, `client-secret-post`, `none` — never the value. */
  readonly credential: string;
  readonly grantType?: string;
  readonly rpcMethod?: string;
  readonly tool?: string;
  readonly status: number;
  /** The fault knob that produced the answer, when one did. */
  readonly fault?: string;
  readonly durationMs: number;
}

export type RecordingFilter = Partial<Pick<RecordedRequest, 'method' | 'path' | 'area' | 'credential' | 'grantType' | 'rpcMethod' | 'tool' | 'status' | 'fault'>>;

export function matchesFilter(entry: RecordedRequest, filter: RecordingFilter): boolean {
  return Object.entries(filter).every(([key, value]) => value === undefined || entry[key as keyof RecordedRequest] === value);
}

export class RequestRecording {
  readonly #vendor: VendorId;
  readonly #fingerprint = createFingerprinter();
  #entries: RecordedRequest[] = [];
  #fingerprints = new Map<number, readonly string[]>();
  #seq = 0;

  constructor(vendor: VendorId) {
    this.#vendor = vendor;
  }

  add(entry: Omit<RecordedRequest, 'seq' | 'vendor'>, secrets: readonly string[]): RecordedRequest {
    // Absent facts are left out rather than stored as undefined, so JSON and test output stay terse.
    const facts = Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as Omit<RecordedRequest, 'seq' | 'vendor'>;
    const recorded: RecordedRequest = { seq: ++this.#seq, vendor: this.#vendor, ...facts };
    this.#entries.push(recorded);
    const prints = secrets.filter((s) => s !== '').map((s) => this.#fingerprint(s));
    if (prints.length > 0) this.#fingerprints.set(recorded.seq, prints);
    return recorded;
  }

  list(filter: RecordingFilter = {}): RecordedRequest[] {
    return this.#entries.filter((e) => matchesFilter(e, filter));
  }

  /** Sequence numbers of the requests that carried this exact secret (header or OAuth body field). */
  requestsCarrying(secret: string): number[] {
    if (secret === '') return [];
    const print = this.#fingerprint(secret);
    return [...this.#fingerprints].filter(([, prints]) => prints.includes(print)).map(([seq]) => seq);
  }

  clear(): void {
    this.#entries = [];
    this.#fingerprints = new Map();
  }
}
