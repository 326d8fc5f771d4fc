/**
 * Issue 12 #3: `tools/list` asks every upstream through `fanOut` — a bounded pool, one deadline per
 * task, settled outcomes in input order. Timers are faked where a deadline must pass; nothing sleeps.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FAN_OUT_CONCURRENCY, fanOut, FanOutDeadlineError } from '../../gateway/tools/fanOut.ts';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
/** Let every pending promise callback run (the pool refills a slot a few microtasks after a task settles). */
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

afterEach(() => {
  vi.useRealTimers();
});

describe('fanOut: the bounded pool', () => {
  it('never runs more tasks at once than its bound, refills freed slots, and runs every task once', async () => {
    const pending = new Map<number, Deferred<number>>();
    const started: number[] = [];
    let maxRunning = 0;
    const done = fanOut(
      range(100),
      (input) => {
        const task = deferred<number>();
        pending.set(input, task);
        started.push(input);
        maxRunning = Math.max(maxRunning, pending.size);
        return task.promise.finally(() => pending.delete(input));
      },
      { concurrency: 4, deadlineMs: 60_000 },
    );
    await flush();
    expect(pending.size).toBe(4);
    // Settle the running tasks in a scrambled order, some failing, until none is left.
    for (let round = 0; pending.size > 0; round++) {
      const running = [...pending.entries()];
      const [input, task] = running[round % running.length]!;
      if (input % 7 === 0) task.reject(new Error(`down ${input}`));
      else task.resolve(input * 2);
      await flush();
      expect(pending.size).toBeLessThanOrEqual(4);
    }
    const outcomes = await done;
    expect(maxRunning).toBe(4);
    expect([...started].sort((a, b) => a - b)).toEqual(range(100));
    expect(outcomes).toHaveLength(100);
    outcomes.forEach((outcome, input) => {
      if (input % 7 === 0) expect(outcome).toEqual({ ok: false, error: new Error(`down ${input}`), timedOut: false });
      else expect(outcome).toEqual({ ok: true, value: input * 2 });
    });
  });

  it(`runs at most ${DEFAULT_FAN_OUT_CONCURRENCY} at once unless told otherwise`, async () => {
    let running = 0;
    let maxRunning = 0;
    const release = deferred<void>();
    const done = fanOut(range(200), async () => {
      maxRunning = Math.max(maxRunning, ++running);
      await release.promise;
      running--;
    }, { deadlineMs: 60_000 });
    await flush();
    expect(running).toBe(DEFAULT_FAN_OUT_CONCURRENCY);
    release.resolve();
    expect(await done).toHaveLength(200);
    expect(maxRunning).toBe(DEFAULT_FAN_OUT_CONCURRENCY);
  });

  it('returns outcomes in input order whatever order the tasks finish in', async () => {
    const tasks = range(5).map(() => deferred<string>());
    const done = fanOut(range(5), (input) => tasks[input]!.promise, { concurrency: 5, deadlineMs: 60_000 });
    for (const input of [3, 0, 4, 2, 1]) {
      tasks[input]!.resolve(`list ${input}`);
      await flush();
    }
    expect((await done).map((outcome) => (outcome.ok ? outcome.value : outcome.error))).toEqual(['list 0', 'list 1', 'list 2', 'list 3', 'list 4']);
  });

  it('turns a task that throws before returning a promise into a failed outcome', async () => {
    const outcomes = await fanOut(
      ['a', 'b'],
      (input) => {
        if (input === 'a') throw new Error('bad input');
        return Promise.resolve(input);
      },
      { deadlineMs: 1000 },
    );
    expect(outcomes).toEqual([{ ok: false, error: new Error('bad input'), timedOut: false }, { ok: true, value: 'b' }]);
  });

  it('answers an empty list without starting anything, and refuses a pool it cannot run', async () => {
    expect(await fanOut([], () => Promise.resolve(1), { deadlineMs: 1000 })).toEqual([]);
    await expect(fanOut([1], () => Promise.resolve(1), { concurrency: 0, deadlineMs: 1000 })).rejects.toThrow(RangeError);
    await expect(fanOut([1], () => Promise.resolve(1), { concurrency: 1.5, deadlineMs: 1000 })).rejects.toThrow(RangeError);
    await expect(fanOut([1], () => Promise.resolve(1), { deadlineMs: Number.POSITIVE_INFINITY })).rejects.toThrow(RangeError);
  });
});

describe('fanOut: the deadline of each task', () => {
  it('gives a never-settling task a timed-out outcome at its deadline without holding back the others', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const settled: string[] = [];
    const done = fanOut(
      ['hangs', 'fast', 'fails'],
      (input): Promise<string> => {
        if (input === 'hangs') return new Promise(() => undefined);
        settled.push(input);
        return input === 'fast' ? Promise.resolve('tools') : Promise.reject(new Error('502'));
      },
      { concurrency: 3, deadlineMs: 5000 },
    );
    await flush();
    expect(settled).toEqual(['fast', 'fails']);
    // The two that settled cleared their timers: only the hanging task's deadline is pending.
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(4999);
    let finished = false;
    void done.then(() => (finished = true));
    await flush();
    expect(finished).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const outcomes = await done;
    expect(outcomes[0]).toMatchObject({ ok: false, timedOut: true });
    expect(outcomes[0]!.ok === false && outcomes[0]!.error).toBeInstanceOf(FanOutDeadlineError);
    expect(outcomes[1]).toEqual({ ok: true, value: 'tools' });
    expect(outcomes[2]).toEqual({ ok: false, error: new Error('502'), timedOut: false });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('frees a timed-out task’s slot for the next input, and counts each deadline from the task’s own start', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const startedAt = new Map<string, number>();
    let clock = 0;
    const done = fanOut(
      ['hangs', 'next'],
      (input): Promise<string> => {
        startedAt.set(input, clock);
        return input === 'hangs' ? new Promise(() => undefined) : Promise.resolve('ok');
      },
      { concurrency: 1, deadlineMs: 1000 },
    );
    await flush();
    expect([...startedAt.keys()]).toEqual(['hangs']);
    clock = 1000;
    await vi.advanceTimersByTimeAsync(1000);
    expect(await done).toEqual([expect.objectContaining({ ok: false, timedOut: true }), { ok: true, value: 'ok' }]);
    expect(startedAt.get('next')).toBe(1000);
  });

  it('ignores a result that arrives after the deadline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const late = deferred<string>();
    const done = fanOut(['slow'], () => late.promise, { deadlineMs: 100 });
    await vi.advanceTimersByTimeAsync(100);
    late.resolve('too late');
    await flush();
    expect(await done).toEqual([expect.objectContaining({ ok: false, timedOut: true })]);
  });
});
