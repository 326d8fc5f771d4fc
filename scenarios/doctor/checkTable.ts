/**
 * Every check the doctor reports, in the order a client meets them: the 401, Protected Resource
 * Metadata, authorization server metadata, registration, authorization, token, the MCP endpoint
 * with and without a token, then what only browsers add. A diagnosis lists failures in this
 * order, so the first one named is the root cause, not a consequence. docs/verdicts.md is
 * generated from this table (writeVerdictsDoc.ts).
 */
import { authorizationChecks } from './checks/authorizationChecks.ts';
import { browserChecks } from './checks/browserChecks.ts';
import { discoveryChecks } from './checks/discoveryChecks.ts';
import { mcpEndpointChecks } from './checks/mcpEndpointChecks.ts';
import type { DoctorCheck } from './doctorCheck.ts';
import { RULES } from './spec/specRules.ts';

/** The row a target that stopped answering gets, before every check it prevented. */
export const TARGET_ANSWERS_CHECK = {
  id: 'target-answering',
  title: 'The target answers every request of the run',
  requirementIds: [] as readonly string[],
  rule: RULES.targetAnswers,
  fix: 'Find why the server stopped answering at that request (its log at that time): a crash on a well-formed request stops every client that sends it.',
} as const;

export const CHECK_TABLE: readonly DoctorCheck[] = [...discoveryChecks, ...authorizationChecks, ...mcpEndpointChecks, ...browserChecks];

const ids = CHECK_TABLE.map((c) => c.id);
const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
if (duplicate) throw new Error(`scenarios/doctor/checkTable.ts: check id ${duplicate} appears twice`);

export const discoveryPosition = (id: string): number => (id === TARGET_ANSWERS_CHECK.id ? -1 : ids.indexOf(id) === -1 ? ids.length : ids.indexOf(id));
