/**
 * The diagnosis as support reads it: the first line names the likely defect and what users see
 * (or the first failure, or that all is well), then one row per check — status, check, requirement
 * ids, what to fix — with what the doctor saw under each failure and warning, then the defects only
 * a signed-in run can show.
 */
import type { CheckStatus } from '../model/checkResult.ts';
import type { Diagnosis } from './diagnosis.ts';

const LABEL: Record<CheckStatus, string> = { FAILURE: 'FAIL', WARNING: 'WARN', SUCCESS: 'ok', SKIPPED: 'skip' };

function headline(diagnosis: Diagnosis): string {
  const { suspectedDefect: defect, firstFailure: failure } = diagnosis;
  if (defect) return `Looks like: ${defect.title} — users see: ${defect.symptom}`;
  if (failure) return `First failure: ${failure.title} [${failure.requirementIds.join(' ')}] — ${failure.fix}`;
  const warnings = diagnosis.checks.filter((c) => c.status === 'WARNING').length;
  return `All MUST checks pass${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}.`;
}

export function formatDiagnosis(diagnosis: Diagnosis): string {
  const rows = diagnosis.checks.map((c) => ({
    status: LABEL[c.status],
    id: c.id,
    ids: c.requirementIds.join(' '),
    fix: c.status === 'FAILURE' || c.status === 'WARNING' ? c.fix : c.status === 'SKIPPED' ? `skipped: ${c.details}` : '',
    saw: c.status === 'FAILURE' || c.status === 'WARNING' ? c.details : undefined,
  }));
  const width = (pick: (r: (typeof rows)[number]) => string, header: string) => Math.max(header.length, ...rows.map((r) => pick(r).length));
  const w = { status: width((r) => r.status, 'STATUS'), id: width((r) => r.id, 'CHECK'), ids: width((r) => r.ids, 'REQUIREMENTS') };
  const line = (status: string, id: string, ids: string, fix: string) => `${status.padEnd(w.status)}  ${id.padEnd(w.id)}  ${ids.padEnd(w.ids)}  ${fix}`.trimEnd();
  const failures = diagnosis.checks.filter((c) => c.status === 'FAILURE').length;
  const out = [
    headline(diagnosis),
    `gangway doctor ${diagnosis.target}: ${failures} failure${failures === 1 ? '' : 's'}, ${diagnosis.checks.length} checks`,
    '',
    line('STATUS', 'CHECK', 'REQUIREMENTS', 'WHAT TO FIX'),
    ...rows.flatMap((r) => [line(r.status, r.id, r.ids, r.fix), ...(r.saw ? [`${' '.repeat(w.status + 2)}saw: ${r.saw}`] : [])]),
  ];
  if (diagnosis.unseenDefects.length) {
    out.push('', 'Not visible without signing in:');
    for (const d of diagnosis.unseenDefects) out.push(`  ${d.title} — needs a signed-in run: ${d.run} (${d.why})`);
  }
  return `${out.join('\n')}\n`;
}
