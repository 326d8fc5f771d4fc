/**
 * `gangway doctor --target MCP_URL [--token BEARER] [--spec REVISION] [--json]`: the protocol
 * checks that need no browser, as a diagnosis table (or JSON). Exit 0 when every MUST passes, 1
 * otherwise (a target that stops answering mid-run included), 2 on a usage error or a target that
 * does not answer at all.
 */
import { SPEC_REVISIONS, isSpecRevision } from '../../../wire/protocolVersions.ts';
import { formatDiagnosis } from '../../doctor/diagnosisTable.ts';
import { runDoctor } from '../../doctor/runDoctor.ts';
import { UsageError } from '../usage.ts';
import { targetOption } from './clientOption.ts';
import type { Command } from './command.ts';

export const doctorCommand: Command = {
  usage: `gangway doctor --target MCP_URL [--token BEARER] [--spec ${SPEC_REVISIONS.join('|')}] [--json]`,
  async run(args) {
    const target = targetOption(args);
    if (!target) throw new UsageError('doctor needs --target MCP_URL (the URL users enter in their AI client)');
    const token = args.flags.get('token');
    const spec = args.flags.get('spec');
    if (spec !== undefined && !isSpecRevision(spec)) throw new UsageError(`--spec must be one of ${SPEC_REVISIONS.join(', ')}`);
    const diagnosis = await runDoctor({ target, token: typeof token === 'string' ? token : undefined, spec });
    process.stdout.write(args.flags.has('json') ? `${JSON.stringify(diagnosis, null, 2)}\n` : formatDiagnosis(diagnosis));
    return diagnosis.ok ? 0 : 1;
  },
};
