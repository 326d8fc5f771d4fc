/**
 * One connect method of a connector, in the browser, as a person does it — create the app in the
 * client, sign in at the gateway, tick the connector, connect it (API key, or OAuth on the vendor's
 * own pages with the manifest's page script; a public server needs no sign-in: ticking it must be
 * enough for "Authorize tools"), authorize — then through the client: every sample
 * call, a call after the upstream said the token expired (OAuth: the gateway must refresh, UP-03), a
 * call during an upstream outage and one after it (UP-05), and a call after the vendor revoked
 * access (a tool error that says to reconnect, UP-05; a public server has no credential to expire or
 * revoke, so it gets the outage only). The relay plays the vendor's 401s and 5xx,
 * so no vendor needs test hooks. The result is a ScenarioRun, so the ordinary reports show it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ClientAdapter, ToolCallOutcome } from '../adapters/clients/clientAdapter.ts';
import { genericGatewayAdapter } from '../adapters/gateways/genericGatewayAdapter.ts';
import { signInAndDecide } from '../adapters/vendors/vendorPageAdapter.ts';
import type { CheckResult } from '../model/checkResult.ts';
import type { ClientProfile, Scenario, StepName } from '../model/scenario.ts';
import { verdict, type ScenarioRun, type StepRecord } from '../model/scenarioRun.ts';
import { finishTrace } from '../reports/keptTrace.ts';
import type { ConnectorEnvironment } from './connectorEnvironment.ts';
import { connectorRunChecks, type CallRecord } from './connectorRunChecks.ts';
import { CONNECT_METHOD_LABEL, toolPrefixOf, type ConnectMethodName, type ConnectorManifest } from './manifestSchema.ts';

const ACTION_TIMEOUT_MS = 30_000;
const gatewayPages = genericGatewayAdapter;

interface Step {
  readonly name: StepName;
  readonly title: string;
  run(): Promise<void>;
}

export interface ConnectorRunOptions {
  readonly environment: ConnectorEnvironment;
  readonly client: ClientAdapter;
  readonly method: ConnectMethodName;
  readonly outputDir: string;
  readonly outputLink: string;
  readonly onProgress?: (line: string) => void;
}

export function connectorScenario(manifest: ConnectorManifest, method: ConnectMethodName, client: ClientProfile, requirementIds: readonly string[]): Scenario {
  return {
    id: `connector-${manifest.id}-${CONNECT_METHOD_LABEL[method].slug}`,
    title: `${manifest.name}: connect by ${CONNECT_METHOD_LABEL[method].title} through the gateway, list, call every sample, ${method === 'none' ? 'outage' : 'expiry, outage, revocation'}`,
    client,
    upstreams: [],
    steps: [],
    checks: requirementIds,
    expected: { kind: 'pass' },
    tags: ['connector', manifest.id, method],
  };
}

export async function runConnectorScenario(manifest: ConnectorManifest, scenario: Scenario, options: ConnectorRunOptions): Promise<ScenarioRun> {
  const { environment, client, method } = options;
  const relay = environment.relay;
  const progress = options.onProgress ?? (() => undefined);
  const started = Date.now();
  const prefix = toolPrefixOf(manifest);
  const gatewayOrigin = new URL(environment.mcpUrl).origin;
  mkdirSync(options.outputDir, { recursive: true });
  environment.proxy.clear();

  const browser = await environment.browser();
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1100, height: 900 } });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  // Under Playwright Test the runner may already trace every context; then its trace is the record.
  const tracing = await context.tracing.start({ screenshots: true, snapshots: true, sources: false }).then(
    () => true,
    () => false,
  );
  const page: Page = await context.newPage();

  const shownTools: string[][] = [];
  const calls: CallRecord[] = [];
  const call = async (purpose: CallRecord['purpose'], tool = manifest.tools[0]!): Promise<ToolCallOutcome> => {
    // Counted before the call: the refresh check looks for a new credential among the requests this call caused.
    const relayIndex = relay?.requests.length ?? 0;
    const outcome = await client.callTool(page, `${prefix}__${tool.name}`, tool.sampleCall.arguments);
    calls.push({ purpose, tool: tool.name, outcome, relayIndex });
    return outcome;
  };

  // A public server has no connect step: its select-tools step checks that ticking it is enough.
  const connectSteps: Record<ConnectMethodName, Step[]> = {
    api_key: [
      {
        name: 'connect-api-key',
        title: 'Connect by the test API key (Save) until it shows Connected',
        async run() {
          const apiKey = manifest.auth.apiKey!;
          await gatewayPages.enterApiKey(page, manifest.id, apiKey.testKey, apiKey.scheme === 'basic-email-token' ? apiKey.testUsername : undefined);
          await gatewayPages.expectConnected(page, manifest.id);
        },
      },
    ],
    oauth: [
      {
        name: 'connect-oauth',
        title: "Connect via OAuth on the vendor's pages with the test account",
        async run() {
          const oauth = manifest.auth.oauth!;
          await gatewayPages.connectOAuth(page, manifest.id);
          await page.waitForURL((url) => url.origin !== gatewayOrigin, { timeout: 20_000 });
          await signInAndDecide(page, { email: oauth.testAccount.username, password: oauth.testAccount.password }, 'allow', oauth.pageScript);
          await page.waitForURL((url) => url.origin === gatewayOrigin, { timeout: 20_000 }).catch(() => {
            throw new Error(`the vendor never sent the browser back to the gateway's callback; it shows ${page.url().split('?')[0]}`);
          });
          await gatewayPages.expectConnected(page, manifest.id);
        },
      },
    ],
    none: [],
  };

  const steps: Step[] = [
    { name: 'create-app', title: 'Create the app in the client with the gateway\'s MCP URL', run: () => client.createApp(page, environment.mcpUrl, `Gangway ${scenario.id}`) },
    {
      name: 'oauth-redirect',
      title: 'Redirected to the gateway; sign in',
      async run() {
        await page.waitForURL((url) => url.origin === gatewayOrigin, { timeout: 20_000 });
        await page.waitForLoadState();
        if (await page.getByRole('button', { name: 'Sign in' }).isVisible().catch(() => false)) await gatewayPages.signIn(page, environment.person);
        await gatewayPages.waitForConsent(page, client.displayName);
      },
    },
    method === 'none'
      ? {
          name: 'select-tools',
          title: `Tick ${manifest.name}; it needs no sign-in, so it is ready at once`,
          async run() {
            await gatewayPages.selectTool(page, manifest.id);
            const state = await gatewayPages.authorizeState!(page);
            if (state.notConnected.includes(manifest.id) || !state.enabled) {
              throw new Error(`the gateway asks to connect ${manifest.name} before Authorize tools, although it needs no credential (Authorize tools ${state.enabled ? 'enabled' : 'disabled'})`);
            }
          },
        }
      : { name: 'select-tools', title: `Tick ${manifest.name}`, run: () => gatewayPages.selectTool(page, manifest.id) },
    ...connectSteps[method],
    {
      name: 'authorize-tools',
      title: 'Authorize tools; back in the client, connected',
      async run() {
        await gatewayPages.authorize(page);
        shownTools.push(await client.awaitConnected(page));
      },
    },
    {
      name: 'call-tool',
      title: 'Call every sample through the gateway',
      async run() {
        for (const tool of manifest.tools) await call('sample', tool);
      },
    },
  ];
  if (relay) {
    /** One call while the relay answers every tool call with `status` in the vendor's place. */
    const callWhileVendorAnswers = async (status: 401 | 503, purpose: CallRecord['purpose']): Promise<void> => {
      relay.play({ status, times: 'always', rpcMethod: 'tools/call' });
      await call(purpose).finally(() => relay.play(undefined));
    };
    if (method === 'oauth') {
      steps.push({
        name: 'expire-access-token',
        title: 'The vendor says the access token expired; the next call must still work',
        async run() {
          relay.play({ status: 401, times: 1, rpcMethod: 'tools/call' });
          await call('after-expiry');
        },
      });
    }
    steps.push({
      name: 'call-tool',
      title: 'Call during an upstream outage (5xx), then after it',
      async run() {
        await callWhileVendorAnswers(503, 'during-outage');
        await call('after-outage');
      },
    });
    if (method !== 'none') {
      steps.push({
        name: 'revoke-connection',
        title: 'The vendor revokes access; the call must say to reconnect',
        run: () => callWhileVendorAnswers(401, 'after-revocation'),
      });
    }
  }

  const records: StepRecord[] = [];
  let broken = false;
  for (const [index, step] of steps.entries()) {
    if (broken) {
      records.push({ name: step.name, title: step.title, status: 'skipped', durationMs: 0 });
      continue;
    }
    const stepStarted = performance.now();
    let error: string | undefined;
    try {
      await step.run();
    } catch (caught) {
      error = (caught as Error).message.split('\n')[0];
      broken = true;
    }
    const screenshot = `${String(index + 1).padStart(2, '0')}-${step.name}.png`;
    await page.screenshot({ path: join(options.outputDir, screenshot), fullPage: true }).catch(() => undefined);
    const record: StepRecord = {
      name: step.name,
      title: step.title,
      status: error ? 'failed' : 'passed',
      durationMs: Math.round(performance.now() - stepStarted),
      screenshot: `${options.outputLink}/${screenshot}`,
      error: error && environment.redact(error),
    };
    records.push(record);
    progress(`  ${record.status === 'passed' ? '✓' : '✗'} ${step.title} (${record.durationMs} ms)${record.error ? ` — ${record.error}` : ''}`);
  }

  const checks: CheckResult[] = connectorRunChecks({ manifest, method, environment, steps: records, shownTools, calls }).map((c) => ({ ...c, details: environment.redact(c.details) }));
  const { passed, asExpected } = verdict(scenario, checks, records);
  const trace = tracing ? await finishTrace(context, !asExpected, { outputDir: options.outputDir, outputLink: options.outputLink, redact: environment.redact }) : undefined;
  await context.close();
  return { scenario: { ...scenario, steps: records.map((r) => r.name as StepName) }, target: 'reference', startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, steps: records, checks, trace, passed, asExpected };
}
