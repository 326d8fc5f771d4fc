/**
 * The scenario catalogue: the happy path for every client × connect method × upstream, the
 * lifecycle scenarios (token expiry and rotation, a tool added later, a revoked connection, a
 * gateway restart mid-flow), the MCP features beyond tools (widget, prompt, progress,
 * elicitation), the generic scenario for any gateway and a credentials file, and one
 * scenario per real-world defect. Data only; the runner does
 * the steps.
 */
import { CLIENT_PROFILE_IDS } from '../../mock-clients/core/profileTypes.ts';
import { DEFECTS } from '../defects/catalog.ts';
import { LATEST_STATEFUL_REVISION, STATELESS_REVISION } from '../../wire/protocolVersions.ts';
import type { ClientProfile, ConnectMethod, Scenario, StepName, UpstreamId } from '../model/scenario.ts';

const METHODS: readonly ConnectMethod[] = ['api_key', 'oauth'];
const UPSTREAMS: readonly UpstreamId[] = ['github', 'atlassian', 'slack'];

const CORE_CHECKS = ['AUTH-01', 'AUTH-02', 'AUTH-03', 'AUTH-04', 'AS-01', 'AS-02', 'AS-03', 'AS-04', 'AS-07', 'AUTH-08', 'AUTH-12', 'TRANSPORT-09', 'TRANSPORT-10', 'UP-06', 'AUTH-09'];
const CLIENT_CHECKS: Record<ClientProfile, readonly string[]> = {
  chatgpt: ['CLIENT-CHATGPT-01', 'CLIENT-CHATGPT-02', 'CLIENT-CHATGPT-03'],
  claude: ['CLIENT-CLAUDE-01', 'CLIENT-CLAUDE-02', 'CLIENT-CLAUDE-03'],
  inspector: ['CLIENT-INSPECTOR-01', 'CLIENT-INSPECTOR-02'],
};

const connectStep = (method: ConnectMethod): StepName => (method === 'api_key' ? 'connect-api-key' : 'connect-oauth');
const happySteps = (method: ConnectMethod): StepName[] => ['create-app', 'oauth-redirect', 'select-tools', connectStep(method), 'authorize-tools', 'refresh', 'call-tool'];
/** The lifecycle walks that defects also need to show themselves: a token expiring, a tool added later. */
const expirySteps: readonly StepName[] = [...happySteps('api_key'), 'expire-access-token', 'call-tool'];
const laterToolSteps: readonly StepName[] = [...happySteps('api_key'), 'grant-another-tool', 'refresh'];
/** Access tokens short enough for expire-access-token to wait out. */
const SHORT_TOKENS = { accessTokenTtl: 4 };

/**
 * The same scenario in 2026-07-28. TRANSPORT-09 (a session id on initialize) gives way to REV26-01:
 * that revision has no initialize and no Mcp-Session-Id, so "initialize returns a session id" cannot
 * be asked of it; REV26-02 (every request's `_meta`, server/discover, Mcp-Method / Mcp-Name
 * mirroring the body) is added; questions are multi-round-trips (REV26-03, given per scenario).
 */
const in2026 = (scenario: Scenario, ...more: string[]): Scenario => ({
  ...scenario,
  id: `${scenario.id}-2026`,
  title: `${scenario.title} (MCP 2026-07-28)`,
  protocolRevision: STATELESS_REVISION,
  checks: [...scenario.checks.map((id) => (id === 'TRANSPORT-09' ? 'REV26-01' : id)), 'REV26-02', ...more],
  tags: [...(scenario.tags ?? []), STATELESS_REVISION],
});

const happyPaths: Scenario[] = CLIENT_PROFILE_IDS.flatMap((client) =>
  METHODS.flatMap((method) =>
    UPSTREAMS.map((upstream) => ({
      id: `happy-${client}-${upstream}-${method.replace('_', '-')}`,
      title: `${client}: connect ${upstream} by ${method === 'api_key' ? 'API key' : 'OAuth'}, authorize, call a tool`,
      client,
      upstreams: [{ upstream, method }],
      steps: happySteps(method),
      checks: [...CORE_CHECKS, ...CLIENT_CHECKS[client], method === 'api_key' ? 'UP-04' : 'UP-02'],
      expected: { kind: 'pass' as const },
      tags: ['happy', client, upstream, method],
    })),
  ),
);

/** The hosted look-alikes' happy path in 2026-07-28 (one upstream each): every MCP request stateless. */
const happyPaths2026: Scenario[] = (['happy-chatgpt-github-api-key', 'happy-claude-slack-api-key'] as const).map((id) => in2026(happyPaths.find((s) => s.id === id)!));

const lifecycle: Scenario[] = [
  {
    id: 'token-expiry-refresh',
    title: 'The access token expires; the client refreshes and the refresh token rotates',
    client: 'chatgpt',
    upstreams: [{ upstream: 'github', method: 'api_key' }],
    steps: expirySteps,
    checks: [...CORE_CHECKS, 'AUTH-11'],
    gateway: SHORT_TOKENS,
    expected: { kind: 'pass' },
    tags: ['lifecycle'],
  },
  {
    id: 'tool-added-later',
    title: 'A tool is added later; Refresh in the client shows it',
    client: 'chatgpt',
    upstreams: [{ upstream: 'github', method: 'api_key' }],
    steps: laterToolSteps,
    checks: [...CORE_CHECKS, 'LISTCHANGED-04', 'CLIENT-CHATGPT-07'],
    expected: { kind: 'pass' },
    tags: ['lifecycle'],
  },
  {
    id: 'revoked-connection',
    title: 'The upstream revokes the connection; the tool call says to reconnect',
    client: 'claude',
    upstreams: [{ upstream: 'slack', method: 'oauth' }],
    steps: [...happySteps('oauth'), 'revoke-connection', 'call-tool'],
    checks: [...CORE_CHECKS, 'UP-05'],
    expected: { kind: 'pass' },
    tags: ['lifecycle'],
  },
  {
    id: 'gateway-restart',
    title: 'The gateway restarts in the middle of the flow; the user finishes and the tools work',
    client: 'chatgpt',
    upstreams: [{ upstream: 'github', method: 'api_key' }],
    steps: ['create-app', 'oauth-redirect', 'select-tools', 'connect-api-key', 'restart-gateway', 'authorize-tools', 'refresh', 'call-tool'],
    checks: [...CORE_CHECKS, 'AS-07'],
    expected: { kind: 'pass' },
    tags: ['lifecycle'],
  },
];

/** A 401 in 2026-07-28 (no session to lose): the expired token refreshed and the stateless request sent again. */
const lifecycle2026: Scenario[] = lifecycle.filter((s) => s.id === 'token-expiry-refresh').map((s) => in2026(s));

/**
 * The MCP features beyond tools, each in the client that has it, through the reference gateway to
 * the mock vendors' talking tools: ChatGPT renders Jira's issue-card widget (resources/read of the
 * tool's template), Claude uses GitHub's summarize_pull_request prompt, the Inspector watches a
 * workflow run's progress and answers Slack's "when?" for a scheduled message — in 2025-11-25,
 * and the Inspector's two also in 2026-07-28 (its page's stateless mode: no session, the question as
 * an input_required result), and ChatGPT's widget and Claude's prompt also in 2026-07-28 (the app
 * or connector created with "MCP protocol version" 2026-07-28: server/discover, no initialize, no
 * session). A 2026-07-28 variant is the same entry with `protocolRevision` set.
 */
const feature = (id: string, title: string, client: ClientProfile, upstream: UpstreamId, step: StepName, relayId: string): Scenario => ({
  id,
  title,
  client,
  upstreams: [{ upstream, method: 'api_key' }],
  steps: [...happySteps('api_key').filter((s) => s !== 'call-tool'), step],
  checks: [...CORE_CHECKS, ...CLIENT_CHECKS[client], 'UP-04', relayId],
  protocolRevision: LATEST_STATEFUL_REVISION,
  expected: { kind: 'pass' },
  tags: ['mcp-features', client, upstream],
});

const progressInspector = feature('progress-inspector-github', 'inspector: a workflow run’s progress shown live through the gateway', 'inspector', 'github', 'watch-progress', 'RELAY-03');
const elicitationInspector = feature('elicitation-inspector-slack', 'inspector: Slack asks when to send a scheduled message; the person answers', 'inspector', 'slack', 'answer-elicitation', 'RELAY-04');

const widgetChatgpt = feature('widget-chatgpt-atlassian', 'chatgpt: a tool’s widget (Jira issue card) read through the gateway and rendered', 'chatgpt', 'atlassian', 'show-widget', 'RELAY-01');
const promptClaude = feature('prompt-claude-github', 'claude: list the prompts, fill in summarize_pull_request and use it', 'claude', 'github', 'use-prompt', 'RELAY-02');

export const FEATURE_SCENARIOS: readonly Scenario[] = [
  widgetChatgpt,
  promptClaude,
  progressInspector,
  elicitationInspector,
  in2026(progressInspector),
  in2026(elicitationInspector, 'REV26-03'),
  in2026(widgetChatgpt),
  in2026(promptClaude),
];

/**
 * Any gateway with a credentials file (`gangway run --target URL --credentials FILE`): sign in, tick
 * and connect the tools the file names, authorize, list, call the tool it names (or one that needs
 * no arguments). Claude's look-alike registers by DCR from its server, so a gateway needs neither
 * CIMD nor CORS for it. On the reference stack the seed's GitHub key stands in for the file.
 */
export const GENERIC_SCENARIO: Scenario = {
  id: 'generic-sign-in-consent-call',
  title: 'any gateway: sign in, tick and connect the credentials\' tools, authorize, call a tool',
  client: 'claude',
  upstreams: [],
  steps: ['create-app', 'oauth-redirect', 'connect-tools', 'authorize-tools', 'refresh', 'call-tool'],
  checks: [...CORE_CHECKS, ...CLIENT_CHECKS.claude],
  expected: { kind: 'pass' },
  tags: ['generic'],
};

/** Which steps a defect needs to show itself (expiry for refresh defects, a later grant for stale lists). */
const DEFECT_STEPS: Record<string, readonly StepName[]> = {
  'registrations-forgotten': expirySteps,
  'no-refresh-token': expirySteps,
  'stale-tool-list': laterToolSteps,
};

const defects: Scenario[] = DEFECTS.map((defect) => ({
  id: `defect-${defect.id}`,
  title: `Defect: ${defect.title}`,
  client: 'chatgpt' as const,
  upstreams: [{ upstream: 'github' as const, method: 'api_key' as const }],
  steps: DEFECT_STEPS[defect.id] ?? happySteps('api_key'),
  checks: [...defect.requirementIds],
  defect: defect.id,
  gateway: DEFECT_STEPS[defect.id]?.includes('expire-access-token') ? SHORT_TOKENS : undefined,
  expected: { kind: 'fail' as const, requirementIds: defect.requirementIds },
  tags: ['defect'],
}));

export const SCENARIOS: readonly Scenario[] = [...happyPaths, ...happyPaths2026, ...lifecycle, ...lifecycle2026, ...FEATURE_SCENARIOS, GENERIC_SCENARIO, ...defects];

export function findScenarios(selectors: readonly string[]): Scenario[] {
  if (selectors.length === 0) return SCENARIOS.filter((s) => !s.tags?.includes('defect'));
  return SCENARIOS.filter((s) => selectors.some((sel) => s.id === sel || s.tags?.includes(sel) || (sel.endsWith('*') && s.id.startsWith(sel.slice(0, -1)))));
}
