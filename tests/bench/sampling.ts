/**
 * How the fair bench samples: latencies of one call at a time, in blocks that alternate between the
 * two sides so a noisy neighbour on this shared machine hurts both sides alike, and throughput with
 * a fixed number of workers. Every loop is bounded by a call count, never by a timer.
 */
export const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export interface Side {
  readonly call: () => Promise<unknown>;
  /** Called around each timed block of this side (e.g. to read the gateway's CPU). */
  readonly before?: () => void;
  readonly after?: () => void;
}

/** `samples` timed calls per side, `block` at a time, sides alternating; returns each side's sorted latencies (ms). */
export async function interleavedLatencies(sides: readonly Side[], samples: number, block: number): Promise<number[][]> {
  const out = sides.map(() => [] as number[]);
  for (let done = 0; done < samples; done += block) {
    for (const [i, side] of sides.entries()) {
      side.before?.();
      for (let n = 0; n < Math.min(block, samples - done); n++) {
        const started = performance.now();
        await side.call();
        out[i]!.push(performance.now() - started);
      }
      side.after?.();
    }
  }
  return out.map((values) => values.sort((a, b) => a - b));
}

/** `calls` calls by `workers` concurrent workers, each one call at a time (`call` is told which worker); calls per second. */
export async function throughput(call: (worker: number) => Promise<unknown>, calls: number, workers: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (next < calls) {
        next++;
        await call(worker);
      }
    }),
  );
  return (calls / (performance.now() - started)) * 1000;
}

/** Sorted latencies (ms) of `samples` calls, one at a time. */
export async function latencies(call: () => Promise<unknown>, samples: number): Promise<number[]> {
  const [only] = await interleavedLatencies([{ call }], samples, samples);
  return only!;
}
