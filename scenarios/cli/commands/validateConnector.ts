/** `gangway validate-connector manifest.json [--client chatgpt|claude]`: a vendor's connector, proven in the browser. */
import { resolve } from 'node:path';
import { loadManifestFile, ManifestError } from '../../connectors/loadManifest.ts';
import { validateConnector } from '../../connectors/validateConnector.ts';
import { UsageError } from '../usage.ts';
import { clientOption } from './clientOption.ts';
import type { Command } from './command.ts';

export const validateConnectorCommand: Command = {
  usage: 'gangway validate-connector MANIFEST.json [--client chatgpt|claude] [--headed] [--report DIR]',
  async run(args) {
    const [file, ...extra] = args.positionals;
    if (!file || extra.length > 0) throw new UsageError('validate-connector needs exactly one manifest file');
    const client = clientOption(args, ['chatgpt', 'claude']) ?? 'chatgpt';
    let manifest;
    try {
      manifest = loadManifestFile(resolve(file));
    } catch (error) {
      // A broken manifest is the vendor's usage error: one line, exit 2.
      if (error instanceof ManifestError) throw new UsageError(error.message);
      throw error;
    }
    const reportDir = resolve(String(args.flags.get('report') ?? 'gangway-report'));
    const result = await validateConnector(manifest, { client, reportDir, headed: args.flags.has('headed'), onProgress: (line) => process.stdout.write(`${line}\n`) });
    const failed = result.runs.flatMap((run) => run.checks.filter((c) => c.status === 'FAILURE').map((c) => `  ✗ [${c.requirementIds.join(', ')}] ${c.id}: ${c.details}`));
    process.stdout.write(
      `\n${result.ok ? `${manifest.name} passed` : `${manifest.name} FAILED:\n${failed.join('\n')}`}\nReports: ${result.reports.html}\n         ${result.reports.junit}\n         ${result.reports.json}\n`,
    );
    return result.ok ? 0 : 1;
  },
};
