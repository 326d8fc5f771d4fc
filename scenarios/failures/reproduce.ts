/**
 * Runs the reproductions of some catalogue entries in one environment and diagnoses each run. On the
 * reference stack each entry's defect or condition is injected, so the run shows the failure and
 * proves the diagnosis. Against --target nothing is injected: the flow runs as the person did it,
 * and the diagnosis says what that gateway does (entries whose flow is the same run once); entries
 * that need the mock vendors' knobs or the portal of the reference stack are skipped, saying so.
 */
import { join } from 'node:path';
import type { GatewayPageAdapter } from '../adapters/gateways/gatewayPageAdapter.ts';
import { emptyObservations } from '../checks/checkContext.ts';
import type { ClientProfile, Scenario, StepName } from '../model/scenario.ts';
import type { ScenarioRun } from '../model/scenarioRun.ts';
import { clientAdapterFor } from '../runner/clientLookalikes.ts';
import type { Environment } from '../runner/environment.ts';
import { runScenario } from '../runner/runScenario.ts';
import { diagnose, diagnosisLine, type Diagnosis } from './diagnose.ts';
import type { FailureEntry } from './failureEntry.ts';
import { symptomChecks } from './symptomChecks.ts';

/** Steps that reach into the stack the harness started (vendor knobs, the gateway's own portal). */
const REFERENCE_STEPS: readonly StepName[] = ['upstream-token-expires', 'grant-another-tool', 'revoke-connection', 'restart-gateway', 'expire-access-token'];

export interface ReproOptions {
  readonly entries: readonly FailureEntry[];
  readonly environment: Environment;
  /** Run with this client where the entry's flow exists in it. */
  readonly client?: ClientProfile | undefined;
  readonly gateway?: GatewayPageAdapter | undefined;
  /** The bundle directory; runs go to <dir>/scenario-report/runs/<entry>/. */
  readonly outDir: string;
  readonly onProgress?: (line: string) => void;
}

export type Reproduction =
  | { readonly entry: FailureEntry; readonly run: ScenarioRun; readonly diagnosis: Diagnosis; readonly skipped?: undefined }
  | { readonly entry: FailureEntry; readonly skipped: string; readonly run?: undefined; readonly diagnosis?: undefined };

export const RUNS_DIR = 'scenario-report';

function scenarioFor(entry: FailureEntry, options: ReproOptions): Scenario {
  const own = entry.reproduction.scenario;
  const needsAcknowledgement = own.steps.includes('create-app-unacknowledged');
  const client = options.client && !(needsAcknowledgement && !clientAdapterFor(options.client, options.environment.clients).createAppUnacknowledged) ? options.client : own.client;
  const onReference = Boolean(options.environment.reference);
  return { ...own, client, defect: onReference ? own.defect : undefined };
}

export async function reproduce(options: ReproOptions): Promise<Reproduction[]> {
  const { environment } = options;
  const progress = options.onProgress ?? (() => undefined);
  const done = new Map<string, { run: ScenarioRun; diagnosis: Diagnosis }>();
  const out: Reproduction[] = [];
  for (const entry of options.entries) {
    const scenario = scenarioFor(entry, options);
    const needsReference = scenario.steps.filter((step) => REFERENCE_STEPS.includes(step));
    if (!environment.reference && needsReference.length > 0) {
      out.push({ entry, skipped: `needs the reference stack for ${needsReference.join(', ')}; run it without --target to see the failure` });
      progress(`▶ ${entry.id}: skipped (needs the reference stack)`);
      continue;
    }
    const key = JSON.stringify([scenario.client, scenario.upstreams, scenario.steps, scenario.defect, scenario.gateway]);
    const earlier = done.get(key);
    if (earlier) {
      out.push({ entry, ...earlier });
      progress(`▶ ${entry.id}: same flow as an earlier run against this target`);
      continue;
    }
    progress(`▶ ${entry.id} (${scenario.client}) — ${entry.title}`);
    const link = `runs/${entry.id}`;
    const run = await runScenario(scenario, {
      environment,
      client: clientAdapterFor(scenario.client, environment.clients),
      ...(options.gateway ? { gateway: options.gateway } : {}),
      outputDir: join(options.outDir, RUNS_DIR, link),
      outputLink: link,
      onProgress: progress,
      keepTrace: 'always',
      recordHar: true,
    });
    const vendors = environment.reference?.stack.mocks.vendors;
    const vendorRecordings = vendors ? { atlassian: vendors.atlassian.control.recording(), github: vendors.github.control.recording(), slack: vendors.slack.control.recording() } : undefined;
    const ownChecks = symptomChecks({ run, exchanges: environment.proxy.exchanges, vendorRecordings }).map((c) => ({ ...c, details: environment.redact(c.details) }));
    const diagnosis = diagnose([...ownChecks, ...run.checks], run.steps);
    // The catalogue's checks join the run's, so the reports show what the diagnosis read.
    const diagnosed = { ...run, checks: [...ownChecks, ...run.checks], observed: run.observed ?? emptyObservations() };
    done.set(key, { run: diagnosed, diagnosis });
    out.push({ entry, run: diagnosed, diagnosis });
    progress(`  diagnosis: ${diagnosisLine(diagnosis)}`);
  }
  return out;
}
