/**
 * The bench's child processes — the gateway (`stack/gatewayMain.ts`, configured by environment) and the
 * lean upstream — each started with the running Node (22, from node_modules) and tsx's loader, so a
 * child's pid is that server's own and /proc tells its RSS and CPU apart from the load generator's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

export interface BenchChild {
  readonly child: ChildProcess;
  /** The origin the child printed once it was listening. */
  readonly url: string;
  stop(): Promise<void>;
}

export const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** User + system CPU of a process in µs — what its own `process.cpuUsage()` would say, read from outside (10 ms ticks). */
export function cpuMicros(pid: number): number {
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticksPerSecond = 100; // USER_HZ on Linux
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
}

/** Spawns `script` under tsx and resolves when its output matches `ready` (group 1: a URL). */
export function startTsxChild(script: string, env: Record<string, string>, ready: RegExp, nodeArgs: readonly string[] = []): Promise<BenchChild> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = ready.exec(output)?.[1];
      if (url) {
        child.stdout!.off('data', onData);
        // Keep draining both pipes so the child never blocks on a full pipe (BENCH_GATEWAY_LOG keeps what it says).
        const keep = process.env.BENCH_GATEWAY_LOG;
        child.stdout!.on('data', (data: Buffer) => keep && appendFileSync(keep, data));
        child.stderr!.on('data', (data: Buffer) => keep && appendFileSync(keep, data));
        resolve({ child, url: new URL(url).origin, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`)));
  });
}

/**
 * The environment `npm run start:gateway` runs the gateway with (package.json): glibc returns the
 * 16 MB scrypt buffers of password hashing to the system instead of keeping them in per-thread
 * arenas (README, "Memory").
 */
export const GATEWAY_PROCESS_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' } as const;

/** The gateway in its own process. BENCH_GATEWAY_NODE_ARGS: extra Node flags for the gateway alone. */
export function startGatewayProcess(env: Record<string, string>): Promise<BenchChild> {
  const nodeArgs = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return startTsxChild('stack/gatewayMain.ts', { ...GATEWAY_PROCESS_ENV, ...env }, /MCP server URL : (\S+)/, nodeArgs);
}

export const startLeanUpstream = (): Promise<BenchChild> => startTsxChild('tests/bench/leanUpstream.ts', {}, /LEAN UPSTREAM URL: (\S+)/);

/** The pass-through floor (bareProxy.ts) in front of `upstreamOrigin`. */
export const startBareProxy = (upstreamOrigin: string): Promise<BenchChild> => startTsxChild('tests/bench/bareProxy.ts', { BARE_PROXY_TARGET: upstreamOrigin }, /BARE PROXY URL: (\S+)/);
