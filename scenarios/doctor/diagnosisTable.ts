/**
 * The diagnosis as support reads it: the first line names the likely defect and what users see
 * (or the first failure, or that all is well), then which revision the verdicts follow and what
 * was fetched from where, then one row per check — status, check, requirement ids, what to fix —
 * with what the doctor saw and the rule it enforced under each failure and warning, then the
 * defects only a signed-in run can show.
 */
import { SPEC_REVISIONS } from '../../wire/protocolVersions.ts';
import type { CheckStatus } from '../model/checkResult.ts';
import type { Diagnosis } from './diagnosis.ts';

const LABEL: Record<CheckStatus, string> = { FAILURE: 'FAIL', WARNING: 'WARN', SUCCESS: 'ok', SKIPPED: 'n/a', NOT_RUN: 'NOT RUN' };

function headline(diagnosis: Diagnosis): string {
  const { suspectedDefect: defect, firstFailure: failure, stopped } = diagnosis;
  if (stopped) return `The target stopped answering after ${stopped.request} (request ${stopped.number}); the checks after it were not run.`;
  if (failure && defect) return `Looks like: ${defect.title} — users see: ${defect.symptom}`;
  if (failure) return `First failure: ${failure.title} [${failure.requirementIds.join(' ')}] — ${failure.fix}`;
  const warnings = diagnosis.checks.filter((c) => c.status === 'WARNING').length;
  const closest = defect ? `; the first warning looks like: ${defect.title} — users of some clients see: ${defect.symptom}` : '';
  return `All MUST checks pass${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}.${closest}`;
}

export function formatDiagnosis(diagnosis: Diagnosis): string {
  const rows = diagnosis.checks.map((c) => ({
    status: LABEL[c.status],
    id: c.id,
    ids: c.requirementIds.join(' '),
    fix: c.status === 'FAILURE' || c.status === 'WARNING' ? c.fix : c.status === 'SKIPPED' || c.status === 'NOT_RUN' ? c.details : '',
    saw: c.status === 'FAILURE' || c.status === 'WARNING' ? c.details : undefined,
    rule: c.status === 'FAILURE' || c.status === 'WARNING' ? c.rule : undefined,
    revision: c.revision,
  }));
  const width = (pick: (r: (typeof rows)[number]) => string, header: string) => Math.max(header.length, ...rows.map((r) => pick(r).length));
  const w = { status: width((r) => r.status, 'STATUS'), id: width((r) => r.id, 'CHECK'), ids: width((r) => r.ids, 'REQUIREMENTS') };
  const indent = ' '.repeat(w.status + 2);
  const line = (status: string, id: string, ids: string, fix: string) => `${status.padEnd(w.status)}  ${id.padEnd(w.id)}  ${ids.padEnd(w.ids)}  ${fix}`.trimEnd();
  const failures = diagnosis.checks.filter((c) => c.status === 'FAILURE').length;
  const out = [
    headline(diagnosis),
    `gangway doctor ${diagnosis.target}: ${failures} failure${failures === 1 ? '' : 's'}, ${diagnosis.checks.length} checks`,
    `Spec revision: ${diagnosis.spec.revisions.join(', ')} — ${diagnosis.spec.how}`,
    '',
    'Fetched:',
    ...diagnosis.fetched.map((f) => `  ${String(f.status || 'no answer').padEnd(9)} ${f.url}  (${f.role})`),
    '',
    line('STATUS', 'CHECK', 'REQUIREMENTS', 'WHAT TO FIX'),
    ...rows.flatMap((r) => [
      line(r.status, r.id, r.ids, r.fix),
      ...(r.saw ? [`${indent}saw: ${r.saw}`] : []),
      ...(r.rule ? [`${indent}rule${r.revision && r.rule.revisions.length < SPEC_REVISIONS.length ? ` (${r.rule.revisions.join(', ')})` : ''}: ${r.rule.level} — ${r.rule.source}: ${r.rule.text.length > 160 ? `${r.rule.text.slice(0, 157)}…` : r.rule.text}`] : []),
    ]),
  ];
  if (diagnosis.unseenDefects.length) {
    out.push('', 'Not visible without signing in:');
    for (const d of diagnosis.unseenDefects) out.push(`  ${d.title} — needs a signed-in run: ${d.run} (${d.why})`);
  }
  return `${out.join('\n')}\n`;
}
