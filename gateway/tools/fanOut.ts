/**
 * Ask many upstreams at once without letting the slowest or the most numerous decide (issue 12 #3).
 * - At most `concurrency` tasks run at a time: a user with 500 connectors starts 64 requests, not 500.
 * - Each task has its own deadline — one timer, cleared when the task settles. Past it the task
 *   counts as timed out and frees its slot; whatever it produces later is ignored here (a task that
 *   fills a shared cache still fills it, so the next listing is warm).
 * - Outcomes come back settled and in input order, so one failure costs only its own entry.
 * Tasks are not cancelled on timeout: they may be shared (a cached load other callers await).
 */

/**
 * Upstream requests are I/O-bound, so the bound is about memory and sockets, not CPU: 16 made 50
 * upstreams × 20 ms take 4 rounds (85 ms, measured), against the "≤ 2 × the slowest".
 */
export const DEFAULT_FAN_OUT_CONCURRENCY = 64;
/** setTimeout fires at once for anything larger (it stores a signed 32-bit delay). */
const MAX_TIMER_MS = 2_147_483_647;

export type FanOutOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown; readonly timedOut: boolean };

export interface FanOutOptions {
  /** How long one task may take, from the moment it starts (not from the call). */
  readonly deadlineMs: number;
  readonly concurrency?: number;
}

/** The error of a timed-out outcome. */
export class FanOutDeadlineError extends Error {
  readonly deadlineMs: number;
  constructor(deadlineMs: number) {
    super(`no answer within ${deadlineMs} ms`);
    this.name = 'FanOutDeadlineError';
    this.deadlineMs = deadlineMs;
  }
}

export async function fanOut<I, T>(inputs: readonly I[], task: (input: I) => Promise<T>, options: FanOutOptions): Promise<FanOutOutcome<T>[]> {
  const { deadlineMs, concurrency = DEFAULT_FAN_OUT_CONCURRENCY } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`fanOut concurrency must be a positive integer, not ${concurrency}`);
  if (!(deadlineMs >= 0 && deadlineMs <= MAX_TIMER_MS)) throw new RangeError(`fanOut deadlineMs must be between 0 and ${MAX_TIMER_MS}, not ${deadlineMs}`);

  const outcomes = new Array<FanOutOutcome<T>>(inputs.length);
  let next = 0;
  // A fixed set of workers each takes the next input when its task settles: memory and
  // pending promises stay proportional to `concurrency`, whatever the number of inputs.
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      outcomes[index] = await settleWithin(task, inputs[index] as I, deadlineMs);
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(concurrency, inputs.length); i++) workers.push(worker());
  await Promise.all(workers);
  return outcomes;
}

function settleWithin<I, T>(task: (input: I) => Promise<T>, input: I, deadlineMs: number): Promise<FanOutOutcome<T>> {
  return new Promise((resolve) => {
    // Whichever comes first resolves; a promise ignores later resolutions, so a late result is dropped.
    const timer = setTimeout(() => resolve({ ok: false, error: new FanOutDeadlineError(deadlineMs), timedOut: true }), deadlineMs);
    let running: Promise<T>;
    try {
      running = Promise.resolve(task(input));
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (value) => {
        clearTimeout(timer);
        resolve({ ok: true, value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ ok: false, error, timedOut: false });
      },
    );
  });
}
