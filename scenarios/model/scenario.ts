/**
 * A scenario is data: who (client profile), against what (the reference gateway, or any gateway
 * by URL), which tools connected how, which faults or defects are switched on, which requirement
 * ids it checks and what the outcome should be — plus the ordered steps, named after the seed
 * document ("Authenticating Your Tools").
 */
import type { ClientProfileId } from '../../mock-clients/core/profileTypes.ts';
import { LATEST_STATEFUL_REVISION, type SpecRevision } from '../../wire/protocolVersions.ts';

/** One of the AI client look-alikes (mock-clients/). */
export type ClientProfile = ClientProfileId;
export type UpstreamId = 'atlassian' | 'github' | 'slack';
export type ConnectMethod = 'api_key' | 'oauth';

export const STEP_NAMES = [
  'create-app',
  'oauth-redirect',
  'select-tools',
  'connect-api-key',
  'connect-oauth',
  'authorize-tools',
  'refresh',
  'call-tool',
  'expire-access-token',
  'grant-another-tool',
  'revoke-connection',
  'restart-gateway',
  // The generic scenario (any gateway, a credentials file): tick and connect each tool it names.
  'connect-tools',
  // The failure catalogue's user-side steps (scenarios/failures/): each does what a person gets wrong.
  'create-app-unacknowledged',
  'try-authorize',
  'connect-api-key-mistaken',
  'connect-oauth-denied',
  'upstream-token-expires',
  'call-added-tool',
  // The MCP features beyond tools, through the gateway (runner/featureSteps.ts).
  'show-widget',
  'use-prompt',
  'watch-progress',
  'answer-elicitation',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

export interface UpstreamChoice {
  readonly upstream: UpstreamId;
  readonly method: ConnectMethod;
}

/** What should happen: every MUST passes, or the named requirement ids fail (defect scenarios). */
export type ExpectedOutcome = { readonly kind: 'pass' } | { readonly kind: 'fail'; readonly requirementIds: readonly string[] };

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly client: ClientProfile;
  readonly upstreams: readonly UpstreamChoice[];
  readonly steps: readonly StepName[];
  /** Requirement ids the scenario's checks verify (printed in reports). */
  readonly checks: readonly string[];
  /**
   * A defect injected by the mutating proxy in front of the reference gateway (defects/catalog.ts),
   * or a deployment condition the proxy plays (runner/proxyConditions.ts, e.g. a fast-clock replica).
   */
  readonly defect?: string | undefined;
  /** Gateway settings for this scenario (e.g. a short access-token lifetime). */
  readonly gateway?: Readonly<Record<string, unknown>> | undefined;
  readonly expected: ExpectedOutcome;
  readonly tags?: readonly string[];
  /**
   * The MCP revision the client speaks in this scenario; absent = 2025-11-25 (scenarioRevision).
   * A 2026-07-28 variant of a scenario is the same data with this field set.
   */
  readonly protocolRevision?: SpecRevision | undefined;
}

/** The revision a scenario's client speaks: its own, else the newest stateful one (2025-11-25). */
export const scenarioRevision = (scenario: Pick<Scenario, 'protocolRevision'>): SpecRevision => scenario.protocolRevision ?? LATEST_STATEFUL_REVISION;
