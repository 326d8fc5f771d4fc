/** `npm start`'s own arguments (gateway and mock options come from the environment). */
import { resolve } from 'node:path';
import { UsageError } from '../usage.ts';

export interface StartOptions {
  readonly once: boolean;
  readonly demo: boolean;
  readonly reportDir: string;
  /** Where the gateway's JSON log lines go, so they never interleave with the demo's progress. */
  readonly logFile: string;
}

/** Next to the default data directory (.gangway/data), ignored by git like it. */
export const DEFAULT_LOG_FILE = '.gangway/logs/gateway.log';
const USAGE = 'npm start -- [--once | --no-demo] [--report DIR] [--log-file FILE]';
const FLAGS = new Set(['--once', '--no-demo']);
const VALUE_FLAGS = new Set(['--report', '--log-file']);

export function parseStartArgs(argv: readonly string[]): StartOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (VALUE_FLAGS.has(arg)) {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new UsageError(`${arg} needs a ${arg === '--report' ? 'directory' : 'file'}`);
      values.set(arg, value);
    } else if (!FLAGS.has(arg)) throw new UsageError(`unknown option ${arg} (${USAGE})`);
  }
  if (argv.includes('--once') && argv.includes('--no-demo')) throw new UsageError('--once runs the demo; it cannot go with --no-demo');
  return {
    once: argv.includes('--once'),
    demo: !argv.includes('--no-demo'),
    reportDir: resolve(values.get('--report') ?? 'gangway-report'),
    logFile: resolve(values.get('--log-file') ?? DEFAULT_LOG_FILE),
  };
}
