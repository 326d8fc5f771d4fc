/**
 * The Inspector page's side of the traffic recording: a fetch for the SDK that notes every request
 * to the gateway and its answer (status, the headers CORS lets the page read, bodies that matter),
 * or its failure — a CORS refusal is a TypeError with no status, recorded as status 0. Entries are
 * posted, in the order the requests started, to the look-alike's back end, which fingerprints the
 * secrets before anything is stored. A request still unanswered at a flush (the standalone SSE GET
 * waits for its first event) is posted by a later flush, once answered.
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { bodyText, classifyPhase, headerRecord, MAX_RECORDED_BODY_CHARS, wantsResponseBody, type RawExchange } from '../../core/traffic/rawExchange.ts';
import { readCappedText } from '../../core/traffic/readCappedText.ts';
import { INSPECTOR_TRAFFIC_PATH } from '../profile.ts';

interface Queued {
  readonly done: Promise<unknown>;
  value: RawExchange | undefined;
}

/** How long a flush waits for answers still arriving before it posts what it has. */
const FLUSH_WAIT_MS = 1_000;

export class TrafficReporter {
  #queue: Queued[] = [];
  #posting: Promise<void> = Promise.resolve();

  #enqueue(exchange: Promise<RawExchange>): void {
    const entry: Queued = { value: undefined, done: exchange.then((value) => (entry.value = value)) };
    this.#queue.push(entry);
  }

  fetchFor(connectionId: string, mcpUrl: string): FetchLike {
    return async (input, init) => {
      const startedAt = Date.now();
      const url = input instanceof Request ? input.url : String(input);
      const method = (init?.method ?? 'GET').toUpperCase();
      const requestHeaders = headerRecord(init?.headers);
      // The page cannot see it, but the browser sends Origin on every cross-origin request and every POST (Fetch spec).
      if (URL.parse(url)?.origin !== window.location.origin || method !== 'GET') requestHeaders.origin = window.location.origin;
      const requestBody = bodyText(init?.body);
      const phase = classifyPhase(url, method, requestHeaders, requestBody, mcpUrl);
      const request = { connectionId, phase, kind: 'http' as const, method, url, requestHeaders, requestBody, startedAt };
      let settle: (raw: RawExchange) => void = () => undefined;
      this.#enqueue(new Promise<RawExchange>((resolve) => (settle = resolve)));
      let response: Response;
      try {
        response = await fetch(input, init);
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'request failed';
        settle({ ...request, status: 0, error: `${reason} (network error or CORS refusal)`, responseHeaders: {}, durationMs: Date.now() - startedAt });
        throw error;
      }
      const responseHeaders = headerRecord(response.headers);
      const finish = (responseBody?: string) => settle({ ...request, status: response.status, responseHeaders, responseBody, durationMs: Date.now() - startedAt });
      if (response.body && wantsResponseBody(phase, method, response.headers.get('content-type') ?? '')) {
        readCappedText(response.clone(), MAX_RECORDED_BODY_CHARS).then(finish, () => finish());
      } else {
        finish();
      }
      return response;
    };
  }

  /** A browser navigation the page caused or saw (authorization URL, callback). */
  note(exchange: Omit<RawExchange, 'requestHeaders' | 'responseHeaders' | 'startedAt' | 'method'>): void {
    this.#enqueue(Promise.resolve({ ...exchange, method: 'GET', requestHeaders: {}, responseHeaders: {}, startedAt: Date.now() }));
  }

  /** Posts everything answered so far; the page awaits this before it shows a result or navigates. */
  flush(): Promise<void> {
    this.#posting = this.#posting.then(async () => {
      await Promise.race([Promise.all(this.#queue.map((entry) => entry.done)), new Promise((resolve) => setTimeout(resolve, FLUSH_WAIT_MS))]);
      const ready = this.#queue.filter((entry) => entry.value !== undefined);
      this.#queue = this.#queue.filter((entry) => entry.value === undefined);
      if (ready.length === 0) return;
      const exchanges = ready.map((entry) => entry.value);
      await fetch(INSPECTOR_TRAFFIC_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ exchanges }) }).catch(() => undefined);
    });
    return this.#posting;
  }
}
