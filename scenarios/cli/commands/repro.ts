/**
 * `gangway repro --symptom "<text or id>"`: from what a person reported to catalogue entries
 * (failures/symptomMatch.ts), their reproductions run against the target (the reference stack by
 * default, with each entry's defect injected), and a bundle with the diagnosis, screenshots, the
 * redacted trace and HAR. Exit 0 when the symptom was reproduced and diagnosed, 1 when no matched
 * entry showed a failure against this target, 2 on a usage error.
 */
import { resolve } from 'node:path';
import { writeBundle } from '../../failures/bundle/writeBundle.ts';
import { diagnosisLine } from '../../failures/diagnose.ts';
import { reproduce } from '../../failures/reproduce.ts';
import { matchSymptom, SymptomMatchError } from '../../failures/symptomMatch.ts';
import { startEnvironment } from '../../runner/environment.ts';
import { UsageError } from '../usage.ts';
import { clientOption, targetOption } from './clientOption.ts';
import type { Command } from './command.ts';
import { loadAdapter } from './run.ts';

export const reproCommand: Command = {
  usage: 'gangway repro --symptom "<message or id>" [--target MCP_URL] [--client chatgpt|claude|inspector] [--adapter FILE] [--out DIR] [--headed]',
  async run(args) {
    const symptom = args.flags.get('symptom');
    if (typeof symptom !== 'string') throw new UsageError('--symptom is required: the message the person saw, or a catalogue id (docs/support.md)');
    let entries;
    try {
      entries = matchSymptom(symptom);
    } catch (error) {
      if (error instanceof SymptomMatchError) throw new UsageError(error.message);
      throw error;
    }
    const client = clientOption(args);
    const target = targetOption(args);
    const adapterFile = args.flags.get('adapter');
    const gateway = typeof adapterFile === 'string' ? await loadAdapter(adapterFile) : undefined;
    const outDir = resolve(String(args.flags.get('out') ?? 'gangway-repro'));
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`Symptom "${symptom}" matches: ${entries.map((e) => e.id).join(', ')}`);

    const environment = await startEnvironment({ target, headed: args.flags.has('headed') });
    let reproductions;
    try {
      reproductions = await reproduce({ entries, environment, client, gateway, outDir, onProgress: say });
    } finally {
      await environment.close();
    }
    const files = writeBundle(outDir, symptom, environment.target, reproductions, environment.redact);
    say('');
    for (const r of reproductions) {
      if (r.skipped !== undefined) say(`${r.entry.id}: skipped — ${r.skipped}`);
      else say(environment.redact(`${r.entry.id}: ${diagnosisLine(r.diagnosis)} — ${r.diagnosis.meaning}`));
    }
    say(`\nBundle: ${files.html}\n        ${files.json}\n        ${files.report}`);
    return reproductions.some((r) => r.diagnosis?.reproduced) ? 0 : 1;
  },
};
