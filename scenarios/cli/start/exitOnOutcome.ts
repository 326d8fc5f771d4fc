/**
 * How `npm start` and `npm run start:cluster` end: with the exit code their main returned, or — on
 * an error a person can fix (a bad setting or argument, Chromium, PostgreSQL or nginx missing, a
 * port in use) — with one line saying what to do and exit code 2; anything else is a failed start,
 * exit code 1. Never a stack trace on the first screen.
 */
import { ConfigError } from '../../../gateway/index.ts';
import { CliUsageError } from '../../../mock-upstreams/cli.ts';
import { ChromiumMissing } from '../../runner/chromiumSetup.ts';
import { UsageError } from '../usage.ts';

export function exitOnOutcome(outcome: Promise<number>, what: string): void {
  outcome.then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = (error as Error)?.message ?? String(error);
      if (error instanceof ConfigError || error instanceof CliUsageError || error instanceof UsageError || error instanceof ChromiumMissing || /apt-get install/.test(message)) {
        process.stderr.write(`gangway: ${message.split('\n')[0]}\n`);
        process.exit(2);
      }
      if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
        process.stderr.write(`gangway: a port is already in use (${message.replace(/^.*EADDRINUSE:?\s*/, '')}); set GANGWAY_PORT or MOCK_UPSTREAMS_*_PORT\n`);
        process.exit(2);
      }
      process.stderr.write(`gangway: ${what}: ${message}\n`);
      process.exit(1);
    },
  );
}
