/**
 * Scenarios of the failure catalogue's user-side and deployment entries (scenarios/failures/):
 * each walks the seed flow up to the point where a person gets stuck. They are not part of the
 * matrix (`gangway run`); `gangway repro` runs them, with the `defect-*` scenarios for the ten
 * gateway defects. Data only; the steps are in runner/userMistakeSteps.ts.
 */
import type { Scenario, StepName } from '../model/scenario.ts';

const untilConsent: StepName[] = ['create-app', 'oauth-redirect', 'select-tools'];
const connected = (connect: StepName): StepName[] => [...untilConsent, connect, 'authorize-tools', 'refresh'];

export const FAILURE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'failure-create-unacknowledged',
    title: 'Failure: "I understand and want to continue" left unticked — Create stays disabled',
    client: 'chatgpt',
    upstreams: [{ upstream: 'github', method: 'api_key' }],
    steps: ['create-app-unacknowledged'],
    checks: ['CLIENT-CHATGPT-02'],
    expected: { kind: 'fail', requirementIds: [] },
    tags: ['failure', 'user'],
  },
  {
    id: 'failure-tool-not-connected',
    title: 'Failure: a tool ticked but not connected — Authorize tools stays disabled',
    client: 'chatgpt',
    upstreams: [{ upstream: 'github', method: 'api_key' }],
    steps: [...untilConsent, 'try-authorize'],
    checks: ['AS-08'],
    expected: { kind: 'fail', requirementIds: [] },
    tags: ['failure', 'user'],
  },
  {
    id: 'failure-api-key-mistaken',
    title: 'Failure: a Slack bot token (xoxb-) pasted with stray spaces where a user token is needed',
    client: 'chatgpt',
    upstreams: [{ upstream: 'slack', method: 'api_key' }],
    steps: [...untilConsent, 'connect-api-key-mistaken'],
    checks: ['UP-04'],
    expected: { kind: 'fail', requirementIds: [] },
    tags: ['failure', 'user'],
  },
  {
    id: 'failure-upstream-oauth-denied',
    title: "Failure: Deny chosen on the vendor's consent page",
    client: 'claude',
    upstreams: [{ upstream: 'github', method: 'oauth' }],
    steps: [...untilConsent, 'connect-oauth-denied'],
    checks: ['UP-02'],
    expected: { kind: 'fail', requirementIds: [] },
    tags: ['failure', 'user'],
  },
  {
    id: 'failure-upstream-token-expired',
    title: 'Failure: the upstream access token expires and cannot be renewed',
    client: 'chatgpt',
    upstreams: [{ upstream: 'github', method: 'oauth' }],
    steps: [...connected('connect-oauth'), 'upstream-token-expires', 'call-tool'],
    checks: ['UP-03', 'UP-05'],
    expected: { kind: 'fail', requirementIds: [] },
    tags: ['failure', 'upstream'],
  },
  {
    id: 'failure-refresh-not-pressed',
    title: 'Failure: a tool added at the portal, used without pressing Refresh',
    client: 'chatgpt',
    upstreams: [{ upstream: 'github', method: 'api_key' }],
    steps: [...connected('connect-api-key'), 'grant-another-tool', 'call-added-tool'],
    checks: ['CLIENT-CHATGPT-07', 'LISTCHANGED-05'],
    expected: { kind: 'fail', requirementIds: [] },
    tags: ['failure', 'user'],
  },
  {
    id: 'failure-clock-skew',
    title: 'Failure: a gateway replica whose clock runs ten minutes fast refuses fresh tokens as expired',
    client: 'chatgpt',
    upstreams: [{ upstream: 'github', method: 'api_key' }],
    steps: [...untilConsent, 'connect-api-key', 'authorize-tools', 'call-tool'],
    checks: ['AUTH-08', 'AUTH-07'],
    defect: 'fast-clock-replica',
    expected: { kind: 'fail', requirementIds: ['AUTH-08'] },
    tags: ['failure', 'deployment'],
  },
];
