/**
 * No orphans: every child the cluster starts (replicas, nginx) is registered here and killed when
 * this process exits for any reason short of SIGKILL — a test that forgot stop(), an exception, a
 * Ctrl+C. 'exit' handlers must be synchronous, so this is process.kill and nothing more.
 */
import type { ChildProcess } from 'node:child_process';

const children = new Map<ChildProcess, NodeJS.Signals>();
let installed = false;

/** Kills `child` with `signal` if this process exits while it still runs (nginx wants SIGTERM for its workers to go too). */
export function killOnExit(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  children.set(child, signal);
  child.once('exit', () => children.delete(child));
  if (installed) return;
  installed = true;
  process.once('exit', () => {
    for (const [running, how] of children) {
      try {
        running.kill(how);
      } catch {
        // already gone
      }
    }
  });
}
