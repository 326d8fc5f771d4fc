/** The `gangway` command's usage text and its argument parser (a usage error exits 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function usageText(commandUsages: readonly string[]): string {
  return `gangway — MCP gateway scenarios in a real browser

${commandUsages.map((u) => `  ${u}`).join('\n')}

Without --target the reference gateway, the mock tools and the mock AI clients are started on
loopback. A redacted Playwright trace is kept for each scenario that did not go as expected
(--trace always keeps every one). Exit status: 0 when everything went as expected, 1 otherwise,
2 on a usage error.`;
}

export interface ParsedArgs {
  readonly command: string;
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['spec', 'client', 'target', 'report', 'adapter', 'credentials', 'symptom', 'manifest', 'trace', 'out', 'token', 'method']);
const BOOLEAN_FLAGS = new Set(['headed', 'help', 'json']);

export function parseArgs(argv: readonly string[], commands: readonly string[] = ['list', 'run']): ParsedArgs {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError(`missing command (${commands.join(', ')})`);
  if (command === '--help' || command === '-h') return { command: 'help', positionals: [], flags: new Map([['help', true]]) };
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
    else if (VALUE_FLAGS.has(name)) {
      const value = inline ?? rest[++i];
      if (!value || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { command, positionals, flags };
}
