/** `gangway validate-connector manifest.json [--client chatgpt|claude] [--method …]`: a vendor's connector, proven in the browser. */
import { resolve } from 'node:path';
import { loadManifestFile, ManifestError } from '../../connectors/loadManifest.ts';
import type { ConnectMethodName } from '../../connectors/manifestSchema.ts';
import { validateConnector } from '../../connectors/validateConnector.ts';
import { UsageError } from '../usage.ts';
import { clientOption } from './clientOption.ts';
import type { Command } from './command.ts';

const METHODS: readonly ConnectMethodName[] = ['api_key', 'oauth', 'none'];

/** --method api_key,oauth: only these connect methods (a vendor re-checking one after a fix). */
function methodsOption(value: string | true | undefined): ConnectMethodName[] | undefined {
  if (typeof value !== 'string') return undefined;
  const methods = value.split(',').map((m) => m.trim());
  const bad = methods.filter((m) => !METHODS.includes(m as ConnectMethodName));
  if (bad.length > 0) throw new UsageError(`--method must be ${METHODS.join(', ')} (comma-separated), not ${bad.join(', ')}`);
  return methods as ConnectMethodName[];
}

export const validateConnectorCommand: Command = {
  usage: 'gangway validate-connector MANIFEST.json [--client chatgpt|claude] [--method api_key,oauth,none] [--headed] [--report DIR]',
  async run(args) {
    const [file, ...extra] = args.positionals;
    if (!file || extra.length > 0) throw new UsageError('validate-connector needs exactly one manifest file');
    const client = clientOption(args, ['chatgpt', 'claude']) ?? 'chatgpt';
    const methods = methodsOption(args.flags.get('method'));
    let manifest;
    try {
      manifest = loadManifestFile(resolve(file));
    } catch (error) {
      // A broken manifest is the vendor's usage error: one line, exit 2.
      if (error instanceof ManifestError) throw new UsageError(error.message);
      throw error;
    }
    const reportDir = resolve(String(args.flags.get('report') ?? 'gangway-report'));
    let result;
    try {
      result = await validateConnector(manifest, { client, reportDir, headed: args.flags.has('headed'), ...(methods ? { methods } : {}), onProgress: (line) => process.stdout.write(`${line}\n`) });
    } catch (error) {
      // A method the manifest does not offer is refused before anything starts.
      if (error instanceof ManifestError) throw new UsageError(error.message);
      throw error;
    }
    const failed = result.runs.flatMap((run) => run.checks.filter((c) => c.status === 'FAILURE').map((c) => `  ✗ [${c.requirementIds.join(', ')}] ${c.id}: ${c.details}`));
    process.stdout.write(
      `\n${result.ok ? `${manifest.name} passed` : `${manifest.name} FAILED:\n${failed.join('\n')}`}\nReports: ${result.reports.html}\n         ${result.reports.junit}\n         ${result.reports.json}\n`,
    );
    return result.ok ? 0 : 1;
  },
};
