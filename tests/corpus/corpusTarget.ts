/**
 * Starts one foreign corpus target in its own child process (tsx + tests/corpus/targets/<id>.server.ts),
 * so a target that crashes or is killed never takes the test process down. The child prints one JSON
 * line on stdout once it listens ({mcpUrl, authorizationServer, notes}); anything else it says goes to
 * stderr, whose tail is kept for the error message when it fails to start.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { CorpusTargetId } from './targets.ts';
import type { TargetAnnouncement } from './targets/announce.ts';

export interface RunningTarget extends TargetAnnouncement {
  id: CorpusTargetId;
  /** tsx, leader of the target's own process group (tsx runs the server in a child process). */
  pid: number;
  /** SIGTERM, then wait for the exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** SIGKILL now: for tests of a target that dies mid-run. */
  kill(): void;
  /** Everything the child wrote to stderr so far (the foreign server's own logs). */
  stderrTail(): string;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const STDERR_KEPT = 8_000;

export async function startCorpusTarget(id: CorpusTargetId, options: { timeoutMs?: number } = {}): Promise<RunningTarget> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const script = fileURLToPath(new URL(`./targets/${id}.server.ts`, import.meta.url));
  // tsx runs the script in a child node process of its own: the target gets its own process group
  // (detached) so kill() can SIGKILL tsx and the server together, leaving no orphan listening.
  const child = spawn(tsx, [script], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  // A test run that ends without stop() must not leave servers behind.
  const killOnExit = () => signalGroup('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEPT);
  });
  const exited = once(child, 'exit').then(() => undefined);
  // The group's leader (tsx) exits after relaying SIGTERM; make sure its server child went too.
  const groupGone = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        process.kill(-(child.pid ?? 0), 0);
      } catch {
        return true;
      }
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const announcement = await new Promise<TargetAnnouncement>((resolve, reject) => {
    let stdout = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      signalGroup('SIGKILL');
      reject(new Error(`corpus target ${id} ${why}; stderr tail:\n${stderr.slice(-2_000) || '(empty)'}`));
    };
    const timer = setTimeout(() => fail(`did not announce its MCP URL within ${timeoutMs} ms`), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout.slice(0, newline)) as TargetAnnouncement);
      } catch {
        fail(`printed a first stdout line that is not its JSON announcement: ${stdout.slice(0, 200)}`);
      }
    });
    child.once('exit', (code, signal) => fail(`exited before announcing (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(`could not be spawned: ${error.message}`));
  });

  const pid = child.pid;
  if (pid === undefined) throw new Error(`corpus target ${id} has no pid`);
  return {
    id,
    pid,
    ...announcement,
    async stop() {
      signalGroup('SIGTERM');
      if (!(await groupGone(5_000))) signalGroup('SIGKILL');
      await exited;
      await groupGone(2_000);
      process.off('exit', killOnExit);
    },
    kill() {
      signalGroup('SIGKILL');
    },
    stderrTail: () => stderr,
  };
}
