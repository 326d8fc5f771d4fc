/**
 * Runs one scenario in a fresh browser context: each step in order through the step engine
 * (stepSession.ts: a screenshot after each; the first failing step stops the walk — later steps
 * are "skipped"), then the protocol checks over everything the proxy saw. The Playwright trace is
 * kept, redacted, when the run did not go as expected (or always, on request: support engineers
 * attach it to a ticket). Progress goes to `onProgress`, one line per step.
 */
import type { ClientAdapter } from '../adapters/clients/clientAdapter.ts';
import type { GatewayPageAdapter } from '../adapters/gateways/gatewayPageAdapter.ts';
import { genericGatewayAdapter } from '../adapters/gateways/genericGatewayAdapter.ts';
import type { VendorPageScript } from '../adapters/vendors/vendorPageAdapter.ts';
import { emptyObservations } from '../checks/checkContext.ts';
import { probeGateway } from '../checks/probes.ts';
import { runChecks } from '../checks/runChecks.ts';
import { jsonOf } from '../../wire/jsonRpcMessages.ts';
import { emptyEvidence } from '../model/flowEvidence.ts';
import { scenarioRevision, type Scenario } from '../model/scenario.ts';
import { verdict, type ScenarioRun } from '../model/scenarioRun.ts';
import type { Environment } from './environment.ts';
import { forgetConnections } from './forgetConnections.ts';
import { proxyBehaviour } from './proxyConditions.ts';
import type { StepContext } from './stepContext.ts';
import { openStepSession } from './stepSession.ts';
import { STEPS } from './steps.ts';

export interface RunOptions {
  readonly environment: Environment;
  readonly client: ClientAdapter;
  readonly gateway?: GatewayPageAdapter;
  readonly vendorScript?: VendorPageScript;
  /** Directory for this run's screenshots and trace (inside the report directory). */
  readonly outputDir: string;
  /** Path of outputDir relative to the report directory (for links). */
  readonly outputLink: string;
  readonly onProgress?: (line: string) => void;
  /** Keep the (redacted) Playwright trace always, or only when the run did not go as expected. */
  readonly keepTrace?: 'always' | 'unexpected';
  /**
   * Record a HAR of the browser's traffic as `traffic.har` in outputDir (bodies embedded). It is
   * redacted once the context closes (reports/harRedaction.ts), as the trace is.
   */
  readonly recordHar?: boolean;
}

/** Request parameters that carry secrets (OAuth codes, verifiers, tokens, client secrets). */
const SECRET_PARAMS = ['code', 'code_verifier', 'refresh_token', 'access_token', 'client_secret', 'token', 'client_assertion', 'password'];

function secretsSeen(environment: Environment): string[] {
  const found: string[] = [];
  for (const exchange of environment.proxy.exchanges) {
    const auth = exchange.request.headers.authorization;
    if (auth) found.push(auth.replace(/^\w+\s+/, ''));
    for (const params of [new URLSearchParams(exchange.request.body), exchange.request.query]) {
      for (const name of SECRET_PARAMS) {
        const value = params.get(name);
        if (value) found.push(value);
      }
    }
    const json = jsonOf(exchange.response.body) as Record<string, unknown> | undefined;
    for (const field of ['access_token', 'refresh_token', 'id_token', 'client_secret', 'registration_access_token']) {
      if (typeof json?.[field] === 'string') found.push(json[field] as string);
    }
  }
  return found;
}

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioRun> {
  const { environment, client } = options;
  const started = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  environment.proxy.setDefect(undefined);
  if (environment.reference) {
    await environment.reference.configure(scenario.gateway ?? {});
    for (const vendor of Object.values(environment.reference.stack.mocks.vendors)) vendor.control.reset();
    const forgotten = await forgetConnections(environment.browser, new URL(environment.mcpUrl).origin, options.gateway ?? genericGatewayAdapter, environment.credentials.person);
    if (forgotten > 0) progress(`  (disconnected ${forgotten} tool connection${forgotten === 1 ? '' : 's'} an earlier run left at the gateway)`);
  }
  environment.proxy.clear();
  environment.proxy.setDefect(scenario.defect ? proxyBehaviour(scenario.defect) : undefined);

  const session = await openStepSession(environment.browser, { outputDir: options.outputDir, outputLink: options.outputLink, redact: environment.redact, recordHar: options.recordHar });
  const { page } = session;
  const observed = emptyObservations();
  const evidence = emptyEvidence();
  try {
    await probeGateway(environment.mcpUrl, scenarioRevision(scenario));
  } catch (error) {
    progress(`  probe: ${(error as Error).message}`);
  }
  const context: StepContext = { scenario, environment, page, client, gateway: options.gateway ?? genericGatewayAdapter, vendorScript: options.vendorScript, observed, evidence, appName: `Gangway ${scenario.id}` };
  const steps = await session.walk(
    scenario.steps.map((name) => ({ name, title: STEPS[name].title, run: () => STEPS[name].run(context) })),
    {
      onProgress: progress,
      label: 'name',
      async onFailure() {
        const shown = await client.shownError(page).catch(() => undefined);
        if (shown) observed.clientErrors.push(shown);
      },
    },
  );

  const reference = environment.reference;
  const seen = secretsSeen(environment);
  environment.redact.remember(...seen);
  const accessTokens = environment.proxy.exchanges.map((e) => e.request.headers.authorization?.replace(/^Bearer\s+/i, '')).filter((t): t is string => Boolean(t));
  const leaked = reference
    ? [...new Set(accessTokens)].some((token) => Object.values(reference.stack.mocks.vendors).some((vendor) => vendor.control.requestsCarrying(token).length > 0))
    : undefined;
  const checks = runChecks({
    mcpUrl: environment.mcpUrl,
    exchanges: environment.proxy.exchanges,
    scenario,
    redirectUriPrefixes: client.redirectUriPrefixes,
    observed,
    gatewayTokenReachedUpstream: leaked,
  }).map((check) => ({ ...check, details: environment.redact(check.details) }));
  const { passed, asExpected } = verdict(scenario, checks, steps);

  const { trace, har } = await session.finish(!asExpected || options.keepTrace === 'always');
  environment.proxy.setDefect(undefined);
  return { scenario, target: environment.target, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, steps, checks, trace, har, observed, evidence, passed, asExpected };
}
