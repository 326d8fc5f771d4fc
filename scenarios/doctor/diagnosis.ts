/**
 * A diagnosis: the checks ordered for a support engineer — failures first, then warnings, then
 * what passed, what did not apply and what did not run, each group in discovery order so the
 * first failure is the root cause. When a known real-world defect (defects/catalog.ts) explains
 * the first failure (or, with none, the first warning) it is named with the symptom users report;
 * defects the doctor cannot see are listed with the signed-in run that can. It also says which
 * spec revision the verdicts follow and what was fetched from where.
 */
import { DEFECTS } from '../defects/catalog.ts';
import type { CheckResult, CheckStatus } from '../model/checkResult.ts';
import { discoveryPosition } from './checkTable.ts';
import { defectVisible, DEFECT_VISIBILITY } from './defectVisibility.ts';
import type { DoctorResult, JudgedRevisions } from './doctorCheck.ts';
import type { Stopped } from './probes/probeSession.ts';

export type DiagnosedCheck = DoctorResult;

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

export interface TrailEntry {
  readonly url: string;
  readonly role: string;
  readonly status: number;
}

export interface Diagnosis {
  readonly target: string;
  /** true when no check failed (warnings allowed). */
  readonly ok: boolean;
  readonly spec: { readonly revisions: readonly string[]; readonly lenient: boolean; readonly how: string };
  readonly checks: readonly DiagnosedCheck[];
  readonly firstFailure: DiagnosedCheck | undefined;
  readonly firstWarning: DiagnosedCheck | undefined;
  readonly suspectedDefect: SuspectedDefect | undefined;
  readonly unseenDefects: readonly UnseenDefect[];
  /** Every discovery document fetched, with the real URL. */
  readonly fetched: readonly TrailEntry[];
  readonly stopped: Stopped | undefined;
}

const STATUS_RANK: Record<CheckStatus, number> = { FAILURE: 0, WARNING: 1, SUCCESS: 2, SKIPPED: 3, NOT_RUN: 4 };

/**
 * The visible defect that best explains a finding: the largest share of the defect's own ids the
 * finding names (a defect breaking exactly this requirement beats one that breaks it among
 * others), then the most ids in common.
 */
function suspectFor(finding: CheckResult, withToken: boolean): SuspectedDefect | undefined {
  const scored = DEFECTS.filter((d) => defectVisible(d.id, withToken))
    .map((defect) => {
      const shared = defect.requirementIds.filter((id) => finding.requirementIds.includes(id)).length;
      return { defect, shared, share: shared / defect.requirementIds.length };
    })
    .filter((s) => s.shared > 0)
    .sort((a, b) => b.share - a.share || b.shared - a.shared);
  const best = scored[0]?.defect;
  return best && { id: best.id, title: best.title, symptom: best.symptom, requirementIds: best.requirementIds };
}

export interface DiagnoseInput {
  readonly target: string;
  readonly results: readonly DoctorResult[];
  readonly withToken: boolean;
  readonly judgement: JudgedRevisions;
  readonly trail: readonly TrailEntry[];
  readonly stopped: Stopped | undefined;
}

export function diagnose({ target, results, withToken, judgement, trail, stopped }: DiagnoseInput): Diagnosis {
  const checks = [...results].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || discoveryPosition(a.id) - discoveryPosition(b.id));
  const firstFailure = checks.find((c) => c.status === 'FAILURE');
  const firstWarning = checks.find((c) => c.status === 'WARNING');
  const finding = firstFailure ?? firstWarning;
  const unseenDefects = DEFECTS.filter((d) => !defectVisible(d.id, withToken)).map((d) => {
    const visibility = DEFECT_VISIBILITY[d.id]!;
    return { id: d.id, title: d.title, why: visibility.seen === 'without-sign-in' ? '' : visibility.why, run: `gangway run defect-${d.id}` };
  });
  return {
    target,
    ok: !firstFailure,
    spec: { revisions: judgement.revisions, lenient: judgement.lenient, how: judgement.how },
    checks,
    firstFailure,
    firstWarning,
    suspectedDefect: finding && suspectFor(finding, withToken),
    unseenDefects,
    fetched: trail,
    stopped,
  };
}
