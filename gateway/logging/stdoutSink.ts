/**
 * Log lines to stdout, gathered for a few milliseconds and written with one call (issue 12): one
 * write per line was a fifth of the gateway's CPU on a busy tool-call path, where every call logs
 * its audit line. Order is kept; what is pending is written when the process exits, so a normal
 * stop loses nothing, and a crash at most the last few milliseconds of lines.
 */
import type { LogSink } from './logger.ts';

const FLUSH_AFTER_MS = 5;
const FLUSH_AT_LINES = 256;

let pending: string[] = [];
let timer: NodeJS.Timeout | undefined;

function flush(): void {
  clearTimeout(timer);
  timer = undefined;
  if (pending.length === 0) return;
  const text = `${pending.join('\n')}\n`;
  pending = [];
  process.stdout.write(text);
}

process.on('exit', flush);

export const stdoutSink: LogSink = (line) => {
  pending.push(line);
  if (pending.length >= FLUSH_AT_LINES) return flush();
  if (!timer) {
    timer = setTimeout(flush, FLUSH_AFTER_MS);
    // A pending flush must not keep a finished process alive; 'exit' writes what is left.
    timer.unref();
  }
};
