/**
 * One gateway replica as a child process: stack/gatewayMain.ts under Node with tsx's loader, told
 * everything by environment (GANGWAY_*). A child process, not a gateway in this process, so a test
 * can SIGKILL it like a crashed container, and SIGTERM it to watch the real graceful drain. Its port
 * is fixed for its life, because nginx's upstream list names it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { killOnExit } from './orphanGuard.ts';

const GATEWAY_MAIN = fileURLToPath(new URL('../gatewayMain.ts', import.meta.url));
// tsx as a loader in the same process (`node --import tsx`): the tsx CLI would run the gateway in a
// grandchild that a SIGKILL of ours would leave running.
const TSX_LOADER = import.meta.resolve('tsx');

export interface ReplicaProcess {
  readonly index: number;
  /** Where this replica listens (the balancer is what clients use). */
  readonly listenUrl: string;
  /** The running process's id; undefined while stopped. */
  readonly pid: number | undefined;
  /** Sends a signal as it is (SIGKILL: a crash; SIGTERM: what stop() does without waiting). */
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM — the gateway drains — and waits for the process to exit; resolves with its exit code. */
  stop(): Promise<number | null>;
  /** Starts it (again, same port) and waits for its /readyz to answer 200. */
  start(): Promise<void>;
  /** Resolves when the current process has exited, with its code (null after a signal). */
  exited(): Promise<number | null>;
}

export interface ReplicaOptions {
  readonly index: number;
  readonly port: number;
  /** The complete environment of the process. */
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  readonly readyTimeoutMs?: number;
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

export function replicaProcess(options: ReplicaOptions): ReplicaProcess {
  const listenUrl = `http://127.0.0.1:${options.port}`;
  const name = `replica-${options.index}`;
  let child: ChildProcess | undefined;
  let exit: Promise<number | null> = Promise.resolve(null);

  const spawnChild = () => {
    const started = spawn(process.execPath, ['--import', TSX_LOADER, GATEWAY_MAIN], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(started);
    for (const stream of [started.stdout, started.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => options.log(`[${name}] ${line}`));
    }
    exit = new Promise((resolve) => {
      started.once('exit', (code, signal) => {
        options.log(`[${name}] exited (${code ?? signal})`);
        if (child === started) child = undefined;
        resolve(code);
      });
    });
    child = started;
  };

  return {
    index: options.index,
    listenUrl,
    get pid() {
      return child?.pid;
    },
    kill(signal) {
      child?.kill(signal);
    },
    async stop() {
      if (!child) return exit;
      child.kill('SIGTERM');
      return exit;
    },
    async start() {
      if (child) throw new Error(`${name} is already running (pid ${child.pid})`);
      spawnChild();
      const running = child;
      const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
      while (!(await isReady(listenUrl))) {
        if (child !== running) throw new Error(`${name} exited before it was ready (its log lines are in the cluster's logs)`);
        if (Date.now() > deadline) throw new Error(`${name} was not ready at ${listenUrl}/readyz in time`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    exited: () => exit,
  };
}
