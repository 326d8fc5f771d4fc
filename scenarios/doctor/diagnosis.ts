/**
 * A diagnosis: the checks ordered for a support engineer — failures (MUSTs) first, then warnings
 * (SHOULDs), then what passed and what was skipped, each group in discovery order so the first
 * failure is the root cause. When a known real-world defect (defects/catalog.ts) explains that
 * first failure, it is named with the symptom users report; defects the doctor cannot see are
 * listed with the signed-in run that can.
 */
import { DEFECTS } from '../defects/catalog.ts';
import type { CheckResult, CheckStatus } from '../model/checkResult.ts';
import { defectVisible, DEFECT_VISIBILITY } from './defectVisibility.ts';
import { discoveryPosition, fixFor } from './doctorChecks.ts';

export interface DiagnosedCheck extends CheckResult {
  readonly fix: string;
}

export interface SuspectedDefect {
  readonly id: string;
  readonly title: string;
  readonly symptom: string;
  readonly requirementIds: readonly string[];
}

export interface UnseenDefect {
  readonly id: string;
  readonly title: string;
  readonly why: string;
  readonly run: string;
}

export interface Diagnosis {
  readonly target: string;
  /** true when no check failed (warnings allowed). */
  readonly ok: boolean;
  readonly checks: readonly DiagnosedCheck[];
  readonly firstFailure: DiagnosedCheck | undefined;
  readonly suspectedDefect: SuspectedDefect | undefined;
  readonly unseenDefects: readonly UnseenDefect[];
}

const STATUS_RANK: Record<CheckStatus, number> = { FAILURE: 0, WARNING: 1, SUCCESS: 2, SKIPPED: 3 };

/**
 * The visible defect that best explains a failure: the largest share of the defect's own ids the
 * failure names (a defect breaking exactly this requirement beats one that breaks it among others),
 * then the most ids in common.
 */
function suspectFor(failure: CheckResult, withToken: boolean): SuspectedDefect | undefined {
  const scored = DEFECTS.filter((d) => defectVisible(d.id, withToken))
    .map((defect) => {
      const shared = defect.requirementIds.filter((id) => failure.requirementIds.includes(id)).length;
      return { defect, shared, share: shared / defect.requirementIds.length };
    })
    .filter((s) => s.shared > 0)
    .sort((a, b) => b.share - a.share || b.shared - a.shared);
  const best = scored[0]?.defect;
  return best && { id: best.id, title: best.title, symptom: best.symptom, requirementIds: best.requirementIds };
}

export function diagnose(target: string, results: readonly CheckResult[], withToken: boolean): Diagnosis {
  const checks = results
    .map((result) => ({ ...result, fix: fixFor(result.id) }))
    .sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || discoveryPosition(a.id) - discoveryPosition(b.id));
  const firstFailure = checks.find((c) => c.status === 'FAILURE');
  const unseenDefects = DEFECTS.filter((d) => !defectVisible(d.id, withToken)).map((d) => {
    const visibility = DEFECT_VISIBILITY[d.id]!;
    return { id: d.id, title: d.title, why: visibility.seen === 'without-sign-in' ? '' : visibility.why, run: `gangway run defect-${d.id}` };
  });
  return { target, ok: !firstFailure, checks, firstFailure, suspectedDefect: firstFailure && suspectFor(firstFailure, withToken), unseenDefects };
}
