#!/usr/bin/env node
/**
 * `gangway` (npx gangway): list and run scenarios, diagnose a gateway, reproduce a user's symptom,
 * validate a vendor's connector. A progress line per step; exit 0 when everything went as expected,
 * 1 on failures, 2 on usage or configuration errors (a one-line message).
 */
import type { Command } from './commands/command.ts';
import { listCommand } from './commands/list.ts';
import { parseArgs, usageText, UsageError } from './usage.ts';

/** Loaded on demand: `gangway list` should not pay for Playwright and the stack. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  list: async () => listCommand,
  run: async () => (await import('./commands/run.ts')).runCommand,
  repro: async () => (await import('./commands/repro.ts')).reproCommand,
  doctor: async () => (await import('./commands/doctor.ts')).doctorCommand,
  'validate-connector': async () => (await import('./commands/validateConnector.ts')).validateConnectorCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, Object.keys(COMMANDS));
  const load = COMMANDS[args.command];
  if (args.flags.has('help')) {
    // `gangway run --help` loads one command; `gangway --help` all of them.
    const commands = await Promise.all((load ? [load] : Object.values(COMMANDS)).map((loadOne) => loadOne()));
    process.stdout.write(`${usageText(commands.map((c) => c.usage))}\n`);
    return 0;
  }
  if (!load) throw new UsageError(`unknown command ${args.command} (${Object.keys(COMMANDS).join(', ')})`);
  return (await load()).run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(error instanceof UsageError ? `gangway: ${message} (gangway --help shows the usage)\n` : `gangway: ${message}\n`);
    process.exit(2);
  },
);
