/**
 * Runs a selection of scenarios in one environment and writes the reports: what `gangway run`
 * and the demo do. Each run gets a directory for its screenshots and trace inside the report
 * directory, so the HTML report opens as it is.
 */
import { join } from 'node:path';
import type { GatewayPageAdapter } from '../adapters/gateways/gatewayPageAdapter.ts';
import type { ClientProfile, Scenario } from '../model/scenario.ts';
import type { ScenarioRun } from '../model/scenarioRun.ts';
import { writeReports, type WrittenReports } from '../reports/writeReports.ts';
import { clientAdapterFor } from './clientLookalikes.ts';
import type { ClientLookalikes } from './clientLookalikes.ts';
import type { Credentials } from '../credentials/credentials.ts';
import { startEnvironment } from './environment.ts';
import { runScenario } from './runScenario.ts';

export interface SuiteOptions {
  readonly scenarios: readonly Scenario[];
  /** Run every scenario with this client instead of its own. */
  readonly client?: ClientProfile | undefined;
  readonly target?: string | undefined;
  readonly gateway?: GatewayPageAdapter | undefined;
  readonly credentials?: Credentials | undefined;
  readonly headed?: boolean;
  readonly reportDir: string;
  readonly keepTrace?: 'always' | 'unexpected';
  /** Client look-alikes already running (see EnvironmentOptions.clients). */
  readonly clients?: ClientLookalikes | undefined;
  readonly onProgress?: (line: string) => void;
}

export interface SuiteResult {
  readonly runs: readonly ScenarioRun[];
  readonly reports: WrittenReports;
  /** Every run went as its scenario expected. */
  readonly ok: boolean;
}

export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const progress = options.onProgress ?? (() => undefined);
  const environment = await startEnvironment({ target: options.target, headed: options.headed, ...(options.credentials ? { credentials: options.credentials } : {}), ...(options.clients ? { clients: options.clients } : {}) });
  const runs: ScenarioRun[] = [];
  try {
    for (const base of options.scenarios) {
      const scenario = options.client ? { ...base, client: options.client } : base;
      progress(`▶ ${scenario.id} (${scenario.client}) — ${scenario.title}`);
      const link = `runs/${scenario.id}-${scenario.client}`;
      const run = await runScenario(scenario, {
        environment,
        client: clientAdapterFor(scenario.client, environment.clients),
        ...(options.gateway ? { gateway: options.gateway } : {}),
        outputDir: join(options.reportDir, link),
        outputLink: link,
        onProgress: progress,
        ...(options.keepTrace ? { keepTrace: options.keepTrace } : {}),
      });
      const failed = run.checks.filter((c) => c.status === 'FAILURE');
      progress(`  ${run.asExpected ? '✓' : '✗'} ${run.passed ? 'passed' : `failed: ${failed.map((c) => `${c.id} [${c.requirementIds.join(' ')}]`).join(', ') || 'a step failed'}`}${scenario.expected.kind === 'fail' ? ` (expected to fail on ${scenario.expected.requirementIds.join(' ')})` : ''}`);
      runs.push(run);
    }
  } finally {
    await environment.close();
  }
  const reports = writeReports(options.reportDir, runs, environment.redact);
  return { runs, reports, ok: runs.every((run) => run.asExpected) };
}
