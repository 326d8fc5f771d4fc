/**
 * Where scenarios run. By default the harness starts everything itself on loopback — the mock
 * upstreams, the reference gateway, the mock AI clients — and puts the observing proxy in front of
 * the gateway; the clients are given the proxy's MCP URL. With a target URL the proxy goes in front
 * of that gateway instead (UI steps then need its page adapter, and steps that need the reference
 * stack — revoking at a mock vendor, restarting the gateway — are not available). The setup shared
 * with the connector environment (clients, proxy, Chromium, redactor, cleanup) is harness.ts; this
 * file adds the reference stack and who signs in.
 */
import type { Browser } from '@playwright/test';
import { seededSecrets, vendorFixtures, type VendorFixtures } from '../../fixtures/vendors/index.ts';
import { createLogger, loadConfig, type GatewayConfig } from '../../gateway/index.ts';
import { startStack, type RunningStack } from '../../stack/startStack.ts';
import type { Credentials } from '../credentials/credentials.ts';
import { buildOnHarness, HARNESS_SEED, type Harness, type HarnessEnvironment } from './harness.ts';
import type { ClientLookalikes } from './clientLookalikes.ts';
import { referenceCredentials } from './referenceCredentials.ts';

export interface Environment extends HarnessEnvironment {
  /** 'reference' or the target URL. */
  readonly target: string;
  readonly browser: Browser;
  readonly credentials: Credentials;
  /** The reference stack, when the harness started it. */
  readonly reference: ReferenceStack | undefined;
}

export interface ReferenceStack {
  /** What steps act on besides the pages: the mock vendors (one gateway process or a cluster of replicas serves them). */
  readonly stack: Pick<RunningStack, 'mocks'>;
  readonly fixtures: VendorFixtures;
  /** Restarts the gateway with these settings (same store), unless they are already in force. */
  configure(overrides: Readonly<Record<string, unknown>>): Promise<void>;
  restart(): Promise<void>;
}

export interface EnvironmentOptions {
  /** A gateway's MCP URL; absent = start the reference stack. */
  readonly target?: string | undefined;
  readonly headed?: boolean;
  /** For a foreign target: who signs in and with which tool credentials. */
  readonly credentials?: Credentials;
  /** Client look-alikes already running (the gateway was wired to them); left running on close. */
  readonly clients?: ClientLookalikes;
}

/** A gateway of ours, started behind the harness's proxy: its ReferenceStack and its own MCP URL. */
export interface StartedReference {
  readonly reference: ReferenceStack;
  readonly gatewayMcpUrl: string;
}

/** Starts a gateway of ours for the harness: one process here; tests/e2e/clusterEnvironment.ts starts a cluster. */
export type ReferenceStarter = (harness: Harness) => Promise<StartedReference>;

async function startReference(harness: Harness): Promise<StartedReference> {
  const base = harness.gatewaySettings('gangway-scenario-');
  let current: Record<string, unknown> = {};
  const configFor = (overrides: Record<string, unknown>): GatewayConfig => loadConfig({ env: {}, overrides: { ...base, ...overrides } });
  const logger = createLogger('warn', () => undefined);
  let config = configFor({});
  const stack = await startStack({ gateway: config, logger, mocks: { seed: HARNESS_SEED } });
  harness.onClose(() => stack.close());
  harness.proxy.setTarget(stack.gateway.listenUrl);
  const reference: ReferenceStack = {
    stack,
    fixtures: stack.mocks.fixtures,
    async configure(overrides) {
      if (JSON.stringify(overrides) === JSON.stringify(current)) return;
      current = { ...overrides };
      config = configFor(current);
      await stack.restartGateway(config);
    },
    async restart() {
      await stack.restartGateway(config);
    },
  };
  return { reference, gatewayMcpUrl: stack.gateway.mcpUrl };
}

/** `startOurs` starts the gateway when no target is given (default: the reference stack, one process). */
export function startEnvironment(options: EnvironmentOptions = {}, startOurs: ReferenceStarter = startReference): Promise<Environment> {
  return buildOnHarness(options, async (harness) => {
    const ours = options.target ? undefined : await startOurs(harness);
    const reference = ours?.reference;
    const gatewayMcpUrl = options.target ?? ours!.gatewayMcpUrl;
    const browser = await harness.browser();
    const fixtures = reference?.fixtures ?? vendorFixtures(HARNESS_SEED);
    const credentials = options.credentials ?? referenceCredentials(harness.person, fixtures);
    harness.redact.remember(...seededSecrets(fixtures).map((s) => s.secret), credentials.person.password, ...(credentials.secrets ?? []));
    return {
      target: options.target ?? 'reference',
      mcpUrl: harness.mcpUrlFor(gatewayMcpUrl),
      proxy: harness.proxy,
      clients: harness.clients,
      browser,
      credentials,
      redact: harness.redact,
      reference,
      close: () => harness.close(),
    };
  });
}
