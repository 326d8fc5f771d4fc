/**
 * A doctor check is a row of the check table: what it verifies, the requirement ids, the spec
 * sentences it enforces (one per revision where they differ), the probe stages whose answers it
 * reads, what to fix, and a pure function from the evidence to pass/fail with what was seen.
 *
 * Judging (judgeCheck): for each revision the target is judged under, the rule of that revision
 * decides the status — a violated MUST or CLIENT rule is a FAILURE, a SHOULD a WARNING; a check
 * with no rule in a revision does not apply there. A target known to speak several revisions must
 * satisfy each (the worst status counts); when the revision is unknown (no --token, no --spec) the
 * most lenient one counts, so a compliant alternative is never a false alarm. A check whose stage
 * never ran because the target stopped answering is NOT_RUN.
 */
import type { Exchange } from '../runner/proxy/exchange.ts';
import type { CheckResult, CheckStatus } from '../model/checkResult.ts';
import { requirement } from '../../requirements/manifest.ts';
import type { SpecRevision } from '../../wire/protocolVersions.ts';
import type { AuthorizationEvidence } from './probes/authorization.ts';
import { probeExchanges, type ProbeSession, type ProbeStage } from './probes/probeSession.ts';
import type { RegisteredClient } from './probes/registration.ts';
import type { SpokenRevisions } from './probes/signedIn.ts';
import type { SpecRule } from './spec/specRules.ts';

export type Outcome = { readonly pass: boolean; readonly details: string } | { readonly notApplicable: string };

export interface Evidence {
  readonly session: ProbeSession;
  readonly registered: readonly RegisteredClient[];
  readonly authorization: AuthorizationEvidence;
  readonly spoken: SpokenRevisions | undefined;
  byProbe(name: string): Exchange[];
}

export interface DoctorCheck {
  readonly id: string;
  readonly title: string;
  readonly requirementIds: readonly string[];
  readonly rules: readonly SpecRule[];
  readonly needs: readonly ProbeStage[];
  /** What the operator should change when it fails, in one line. */
  readonly fix: string;
  evaluate(evidence: Evidence, revision: SpecRevision): Outcome;
}

export interface Judgement {
  readonly revisions: readonly SpecRevision[];
  /** Unknown revision: the most lenient verdict counts. */
  readonly lenient: boolean;
}

/** A judgement and how its revisions were chosen (--spec, detected, or not determined). */
export interface JudgedRevisions extends Judgement {
  readonly how: string;
}

export interface DoctorResult extends CheckResult {
  readonly fix: string;
  /** The sentence the verdict rests on, when a rule applied. */
  readonly rule: SpecRule | undefined;
  /** The revision whose rule decided the verdict. */
  readonly revision: SpecRevision | undefined;
}

const SEVERITY: Record<CheckStatus, number> = { SKIPPED: 0, NOT_RUN: 0, SUCCESS: 1, WARNING: 2, FAILURE: 3 };

export const doctorEvidence = (session: ProbeSession, registered: readonly RegisteredClient[], authorization: AuthorizationEvidence, spoken: SpokenRevisions | undefined): Evidence => ({
  session,
  registered,
  authorization,
  spoken,
  byProbe: (name) => probeExchanges(session.proxy.exchanges, name),
});

export function judgeCheck(check: DoctorCheck, evidence: Evidence, judgement: Judgement): DoctorResult {
  for (const id of check.requirementIds) requirement(id);
  const base = { id: check.id, title: check.title, requirementIds: check.requirementIds, fix: check.fix };
  const { stopped, completed } = evidence.session;
  const missing = check.needs.find((stage) => !completed.has(stage));
  if (stopped && missing) {
    return { ...base, status: 'NOT_RUN', details: `not run: the target stopped answering at ${stopped.request}`, rule: undefined, revision: undefined };
  }
  const verdicts = judgement.revisions.flatMap((revision) => {
    const rule = check.rules.find((r) => r.revisions.includes(revision));
    if (!rule) return [];
    const outcome = check.evaluate(evidence, revision);
    const status: CheckStatus = 'notApplicable' in outcome ? 'SKIPPED' : outcome.pass ? 'SUCCESS' : rule.level === 'SHOULD' ? 'WARNING' : 'FAILURE';
    return [{ revision, rule, status, details: 'notApplicable' in outcome ? outcome.notApplicable : outcome.details }];
  });
  if (verdicts.length === 0) {
    return { ...base, status: 'SKIPPED', details: `does not apply in ${judgement.revisions.join(', ')}`, rule: undefined, revision: undefined };
  }
  const judged = verdicts.filter((v) => v.status !== 'SKIPPED');
  const pool = judged.length ? judged : verdicts;
  const chosen = pool.reduce((a, b) => (judgement.lenient ? (SEVERITY[b.status] < SEVERITY[a.status] ? b : a) : SEVERITY[b.status] > SEVERITY[a.status] ? b : a));
  return { ...base, status: chosen.status, details: chosen.details, rule: chosen.rule, revision: chosen.revision };
}
