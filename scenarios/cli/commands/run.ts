/**
 * `gangway run`: scenarios by id or tag, on the reference stack or against --target. With
 * --credentials FILE the person and the tool credentials come from that file (checked before
 * anything starts: a bad field is a usage error), and without a selection the generic scenario runs.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GatewayPageAdapter } from '../../adapters/gateways/gatewayPageAdapter.ts';
import { findScenarios, GENERIC_SCENARIO } from '../../catalog/scenarios.ts';
import type { Credentials } from '../../credentials/credentials.ts';
import { credentialsFromFile, CredentialsFileError, loadCredentialsFile } from '../../credentials/credentialsFile.ts';
import { runSuite } from '../../runner/runSuite.ts';
import { UsageError } from '../usage.ts';
import { clientOption, targetOption } from './clientOption.ts';
import type { Command } from './command.ts';

export async function loadAdapter(file: string): Promise<GatewayPageAdapter> {
  const module = (await import(pathToFileURL(resolve(file)).href)) as { default?: GatewayPageAdapter; adapter?: GatewayPageAdapter };
  const adapter = module.default ?? module.adapter;
  if (!adapter || typeof adapter.signIn !== 'function') throw new UsageError(`${file} does not export a gateway page adapter (default export)`);
  return adapter;
}

function credentialsOption(file: string | true | undefined): Credentials | undefined {
  if (file === undefined) return undefined;
  if (file === true) throw new UsageError('--credentials needs a file');
  try {
    return credentialsFromFile(loadCredentialsFile(file));
  } catch (error) {
    if (error instanceof CredentialsFileError) throw new UsageError(error.message);
    throw error;
  }
}

export const runCommand: Command = {
  usage: 'gangway run [scenario|tag…] [--client chatgpt|claude|inspector] [--target MCP_URL] [--credentials FILE] [--adapter FILE] [--headed] [--report DIR] [--trace always|unexpected]',
  async run(args) {
    const client = clientOption(args);
    const target = targetOption(args);
    const credentials = credentialsOption(args.flags.get('credentials'));
    const scenarios = credentials && args.positionals.length === 0 ? [GENERIC_SCENARIO] : findScenarios(args.positionals);
    if (scenarios.length === 0) throw new UsageError(`no scenario matches ${args.positionals.join(' ')}; see gangway list`);
    const reportDir = resolve(String(args.flags.get('report') ?? 'gangway-report'));
    const adapterFile = args.flags.get('adapter');
    const keepTrace = args.flags.get('trace') ?? 'unexpected';
    if (keepTrace !== 'always' && keepTrace !== 'unexpected') throw new UsageError('--trace must be always or unexpected');
    const result = await runSuite({
      scenarios,
      client,
      target,
      gateway: typeof adapterFile === 'string' ? await loadAdapter(adapterFile) : undefined,
      credentials,
      headed: args.flags.has('headed'),
      reportDir,
      keepTrace,
      onProgress: (line) => process.stdout.write(`${line}\n`),
    });
    const good = result.runs.filter((run) => run.asExpected).length;
    process.stdout.write(`\n${good} of ${result.runs.length} scenarios as expected.\nReports: ${result.reports.html}\n         ${result.reports.junit}\n         ${result.reports.json}\n`);
    return result.ok ? 0 : 1;
  },
};
