/**
 * Where scenarios run. By default the harness starts everything itself on loopback — the mock
 * upstreams, the reference gateway, the mock AI clients — and puts the observing proxy in front of
 * the gateway; the clients are given the proxy's MCP URL. With a target URL the proxy goes in front
 * of that gateway instead (UI steps then need its page adapter, and steps that need the reference
 * stack — revoking at a mock vendor, restarting the gateway — are not available).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { apiKeyFor, seededSecrets, vendorFixtures, type VendorFixtures } from '../../fixtures/vendors/index.ts';
import { directoryUsers } from '../../fixtures/directory.ts';
import { loadConfig, type GatewayConfig } from '../../gateway/config/loadConfig.ts';
import { createLogger } from '../../gateway/logging/logger.ts';
import { startStack, type RunningStack } from '../../stack/startStack.ts';
import type { Credentials } from '../credentials/credentials.ts';
import { startObservingProxy, type ObservingProxy } from './proxy/observingProxy.ts';
import type { UpstreamId } from '../model/scenario.ts';
import { createRedactor, type Redactor } from '../reports/redaction.ts';
import { startClientLookalikes, type ClientLookalikes } from './clientLookalikes.ts';
import { gatewaySettingsBehindProxy } from './gatewayBehindProxy.ts';
import { launchHarnessChromium, type HarnessChromium } from './harnessChromium.ts';

export type { Credentials } from '../credentials/credentials.ts';

export interface Environment {
  /** 'reference' or the target URL. */
  readonly target: string;
  /** The MCP server URL the clients are given (the proxy's). */
  readonly mcpUrl: string;
  readonly proxy: ObservingProxy;
  readonly clients: ClientLookalikes;
  readonly browser: Browser;
  readonly credentials: Credentials;
  readonly redact: Redactor;
  /** The reference stack, when the harness started it. */
  readonly reference: ReferenceStack | undefined;
  close(): Promise<void>;
}

export interface ReferenceStack {
  readonly stack: RunningStack;
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

const SEED = 20261124;

function referenceCredentials(fixtures: VendorFixtures): Credentials {
  const person = directoryUsers(SEED)[0]!;
  const github = apiKeyFor(fixtures.github, 'valid', 0);
  return {
    person,
    // The generic scenario's tool on the reference stack: GitHub by API key.
    tools: [{ name: 'github', method: 'api_key', apiKey: { key: github.secret, username: github.username } }],
    vendorAccount: (upstream) => fixtures[upstream].accounts[0]!,
    apiKey: (upstream) => {
      const key = apiKeyFor(fixtures[upstream], 'valid', 0);
      return { key: key.secret, username: key.username };
    },
    mistakenApiKey: (upstream) => {
      // Slack: the workspace's bot token (xoxb-), which lacks the user scopes the connector needs;
      // elsewhere: a valid key of another vendor.
      if (upstream === 'slack') {
        const bot = fixtures.slack.apiKeys.find((key) => key.kind === 'bot-token');
        if (!bot) throw new Error('the seeded Slack fixture has no bot token');
        return { key: bot.secret };
      }
      const other = apiKeyFor(fixtures[upstream === 'github' ? 'slack' : 'github'], 'valid', 0);
      return { key: other.secret, username: upstream === 'atlassian' ? fixtures.atlassian.accounts[0]!.email : undefined };
    },
  };
}

async function startReference(clients: ClientLookalikes, proxy: ObservingProxy): Promise<{ reference: ReferenceStack; cleanup: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'gangway-scenario-'));
  const base = gatewaySettingsBehindProxy(proxy.url, clients, root);
  let current: Record<string, unknown> = {};
  const configFor = (overrides: Record<string, unknown>): GatewayConfig => loadConfig({ env: {}, overrides: { ...base, ...overrides } });
  const logger = createLogger('warn', () => undefined);
  let config = configFor({});
  const stack = await startStack({ gateway: config, logger, mocks: { seed: SEED } });
  proxy.setTarget(stack.gateway.listenUrl);
  const fixtures = stack.mocks.fixtures;
  return {
    cleanup: () => rmSync(root, { recursive: true, force: true }),
    reference: {
      stack,
      fixtures,
      async configure(overrides) {
        if (JSON.stringify(overrides) === JSON.stringify(current)) return;
        current = { ...overrides };
        config = configFor(current);
        await stack.restartGateway(config);
      },
      async restart() {
        await stack.restartGateway(config);
      },
    },
  };
}

export async function startEnvironment(options: EnvironmentOptions = {}): Promise<Environment> {
  const clients = options.clients ?? (await startClientLookalikes());
  const closeClients = options.clients ? async () => undefined : () => clients.close();
  let reference: ReferenceStack | undefined;
  let cleanup = () => undefined as void;
  let proxy: ObservingProxy | undefined;
  let chromium: HarnessChromium | undefined;
  try {
    // A foreign gateway's authorization server may live on another origin: the proxy follows it there.
    proxy = await startObservingProxy(options.target, { rewrite: Boolean(options.target), follow: Boolean(options.target) });
    let gatewayMcpUrl: string;
    if (options.target) {
      gatewayMcpUrl = options.target;
    } else {
      const started = await startReference(clients, proxy);
      reference = started.reference;
      cleanup = started.cleanup;
      gatewayMcpUrl = reference.stack.gateway.mcpUrl;
    }
    chromium = await launchHarnessChromium({ hostResolverRules: clients.hostResolverRules, headed: options.headed });
    const browser = chromium.browser;
    const fixtures = reference?.fixtures ?? vendorFixtures(SEED);
    const credentials = options.credentials ?? referenceCredentials(fixtures);
    const redact = createRedactor([
      ...seededSecrets(fixtures).map((s) => s.secret),
      ...directoryUsers(SEED).map((u) => u.password),
      credentials.person.password,
      ...(credentials.secrets ?? []),
    ]);
    const environment: Environment = {
      target: options.target ?? 'reference',
      mcpUrl: `${proxy.url}${new URL(gatewayMcpUrl).pathname}`,
      proxy,
      clients,
      browser,
      credentials,
      redact,
      reference,
      async close() {
        await chromium?.close();
        await proxy?.close();
        await reference?.stack.close();
        await closeClients();
        cleanup();
      },
    };
    return environment;
  } catch (error) {
    await proxy?.close();
    await reference?.stack.close();
    await closeClients();
    await chromium?.close();
    cleanup();
    throw error;
  }
}
