/**
 * The hand-reviewed expected verdict of one corpus target (tests/corpus/expected/<id>.json): per
 * doctor run (without a token, with a token obtained through the target's own flow, with --spec),
 * the checks that must FAIL — each a real defect of that target, with the requirement ids the
 * failure must carry and a one-line justification quoting the spec sentence it violates. Every
 * other check must pass, warn, or not apply: a FAILURE not listed is a false alarm, a listed one
 * that does not fail is a missed defect. Nothing may be NOT_RUN on a live target.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SPEC_REVISIONS } from '../../wire/protocolVersions.ts';
import type { Diagnosis } from '../../scenarios/doctor/diagnosis.ts';

const failureSchema = z.object({
  requirementIds: z.array(z.string()).min(1),
  /** "<document §section>: "<sentence>" — what the target does" */
  why: z.string().min(20),
});

const runSchema = z.object({
  name: z.string(),
  token: z.boolean(),
  spec: z.enum(SPEC_REVISIONS).optional(),
  /** The revisions the verdicts must have followed (detected or named). */
  judgedUnder: z.array(z.enum(SPEC_REVISIONS)).optional(),
  failures: z.record(z.string(), failureSchema),
});

const expectedVerdictSchema = z.object({
  target: z.string(),
  reviewed: z.string(),
  runs: z.array(runSchema).min(1),
});

export type ExpectedVerdict = z.infer<typeof expectedVerdictSchema>;
export type ExpectedRun = ExpectedVerdict['runs'][number];

export function loadExpectedVerdict(id: string): ExpectedVerdict {
  const file = new URL(`./expected/${id}.json`, import.meta.url);
  return expectedVerdictSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Every difference between a doctor run and its reviewed expectation, as lines a person can read. */
export function verdictDifferences(diagnosis: Diagnosis, expected: ExpectedRun): string[] {
  const differences: string[] = [];
  const byId = new Map(diagnosis.checks.map((c) => [c.id, c]));
  for (const [id, failure] of Object.entries(expected.failures)) {
    const check = byId.get(id);
    if (!check) differences.push(`${id}: expected to fail, but the doctor has no such check`);
    else if (check.status !== 'FAILURE') differences.push(`${id}: a real defect missed — expected FAILURE, got ${check.status} (${check.details})`);
    else if (failure.requirementIds.some((rid) => !check.requirementIds.includes(rid))) differences.push(`${id}: fails with ${check.requirementIds.join(' ')}, expected ${failure.requirementIds.join(' ')}`);
  }
  for (const check of diagnosis.checks) {
    if (check.status === 'FAILURE' && !(check.id in expected.failures)) differences.push(`${check.id}: false alarm — FAILURE not in the reviewed expectation (${check.details})`);
    if (check.status === 'NOT_RUN') differences.push(`${check.id}: NOT_RUN on a live target (${check.details})`);
  }
  if (expected.judgedUnder && JSON.stringify([...diagnosis.spec.revisions]) !== JSON.stringify(expected.judgedUnder)) {
    differences.push(`judged under ${diagnosis.spec.revisions.join(', ')} (${diagnosis.spec.how}), expected ${expected.judgedUnder.join(', ')}`);
  }
  return differences;
}
