/**
 * A protocol check is a result, not an exception (as in the official conformance suite): each has
 * an id, a status, the requirement ids it verifies and what it saw. MUST requirements fail as
 * FAILURE, SHOULD as WARNING; a prerequisite that never happened is a FAILURE, not a skip — SKIPPED
 * is only for a check that does not apply to this scenario (e.g. refresh in a scenario without one).
 */
import { requirement, type Requirement } from '../../requirements/manifest.ts';

/** NOT_RUN: the check could not be made because the target stopped answering before it (gangway doctor). */
export type CheckStatus = 'SUCCESS' | 'FAILURE' | 'WARNING' | 'SKIPPED' | 'NOT_RUN';

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly requirementIds: readonly string[];
  readonly details: string;
}

/** FAILURE for a MUST (or a client-profile rule the scenario depends on), WARNING for a SHOULD. */
function failureStatus(requirementIds: readonly string[]): CheckStatus {
  const levels = requirementIds.map((id) => requirement(id).level);
  return levels.some((level: Requirement['level']) => level === 'MUST' || level === 'PROFILE' || level === 'MAY') ? 'FAILURE' : 'WARNING';
}

export function check(id: string, title: string, requirementIds: readonly string[], passed: boolean, details: string): CheckResult {
  for (const rid of requirementIds) requirement(rid);
  return { id, title, status: passed ? 'SUCCESS' : failureStatus(requirementIds), requirementIds, details };
}

/**
 * A check whose rule is a SHOULD although a requirement it reports under is a MUST elsewhere
 * (a refresh token is optional in OAuth 2.1; AUTH-11's MUST is to rotate one once issued).
 */
export function shouldCheck(id: string, title: string, requirementIds: readonly string[], passed: boolean, details: string): CheckResult {
  return { ...check(id, title, requirementIds, passed, details), ...(passed ? {} : { status: 'WARNING' as const }) };
}

export function skipped(id: string, title: string, requirementIds: readonly string[], why: string): CheckResult {
  return { id, title, status: 'SKIPPED', requirementIds, details: why };
}
