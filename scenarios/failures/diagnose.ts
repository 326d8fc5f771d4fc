/**
 * The diagnosis of one run: the first failed check — the failure catalogue's own checks first, then
 * the protocol checks in the order the flow meets them — and what it means in plain words. When a
 * catalogue entry is diagnosed by that check, the entry's cause, requirement ids and fixes are the
 * answer; otherwise the check's own title, details and requirement behaviours are.
 */
import { requirement } from '../../requirements/manifest.ts';
import type { CheckResult } from '../model/checkResult.ts';
import type { StepRecord } from '../model/scenarioRun.ts';
import { FAILURES } from './catalog.ts';
import type { FailureEntry } from './failureEntry.ts';

export interface Diagnosis {
  /** Some check failed: the run shows a failure. */
  readonly reproduced: boolean;
  readonly firstFailure?: CheckResult | undefined;
  /** The catalogue entry the first failure identifies, if any. */
  readonly entry?: FailureEntry | undefined;
  readonly requirementIds: readonly string[];
  /** The first step that failed and what it said (already redacted by the runner). */
  readonly failedStep?: { readonly name: string; readonly error: string } | undefined;
  /** What it means, in plain words. */
  readonly meaning: string;
}

/** The diagnosis in one line: the entry and its ids, the failed check, or not reproduced. */
export function diagnosisLine(diagnosis: Diagnosis): string {
  if (diagnosis.entry) return `${diagnosis.entry.id} [${diagnosis.requirementIds.join(' ')}]`;
  return diagnosis.firstFailure ? `check ${diagnosis.firstFailure.id} failed` : 'not reproduced';
}

function behaviours(ids: readonly string[]): string {
  return ids.map((id) => `${id}: ${requirement(id).behaviour}`).join(' ');
}

export function diagnose(checks: readonly CheckResult[], steps: readonly StepRecord[]): Diagnosis {
  const firstFailure = checks.find((c) => c.status === 'FAILURE');
  const failed = steps.find((s) => s.status === 'failed');
  const failedStep = failed ? { name: failed.name, error: failed.error ?? 'failed' } : undefined;
  if (!firstFailure) {
    return {
      reproduced: false,
      requirementIds: [],
      failedStep,
      meaning: failedStep
        ? `No check failed, but the step "${failedStep.name}" did: ${failedStep.error}. This is not a failure the catalogue knows; attach the bundle to the ticket.`
        : 'Not reproduced: every step and every check passed against this target.',
    };
  }
  const entry = FAILURES.find((e) => e.diagnosedBy === firstFailure.id);
  if (entry) {
    return {
      reproduced: true,
      firstFailure,
      entry,
      requirementIds: entry.requirementIds,
      failedStep,
      meaning: `${entry.title}. ${entry.cause} (The check "${firstFailure.title}" failed: ${firstFailure.details}.)`,
    };
  }
  return {
    reproduced: true,
    firstFailure,
    requirementIds: firstFailure.requirementIds,
    failedStep,
    meaning: `The check "${firstFailure.title}" failed: ${firstFailure.details}. What it requires — ${behaviours(firstFailure.requirementIds)}`,
  };
}
