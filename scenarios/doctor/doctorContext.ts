/**
 * The doctor runs the scenario checks (scenarios/checks/) over what its own probes recorded. Those
 * checks read a scenario; the doctor is no client's flow, so it hands them an empty one — no steps,
 * no upstreams — and only the checks that make sense without a browser are kept (runDoctor.ts).
 */
import { emptyObservations, type CheckContext } from '../checks/checkContext.ts';
import type { Exchange } from '../defects/exchange.ts';
import type { Scenario } from '../model/scenario.ts';

const DOCTOR_SCENARIO: Scenario = {
  id: 'doctor',
  title: 'gangway doctor: protocol checks without a browser',
  client: 'chatgpt',
  upstreams: [],
  steps: [],
  checks: [],
  expected: { kind: 'pass' },
};

export function doctorContext(mcpUrl: string, exchanges: readonly Exchange[]): CheckContext {
  return { mcpUrl, exchanges, scenario: DOCTOR_SCENARIO, redirectUriPrefixes: [], observed: emptyObservations() };
}
