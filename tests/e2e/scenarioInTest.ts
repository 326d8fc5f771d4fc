/**
 * One catalogue scenario run inside a Playwright test, the same way for every matrix (one gateway:
 * scenarios.spec.ts; a cluster: clusterScenarios.spec.ts): its requirement ids and steps as the
 * test's annotations, its reports in the test's output folder, and a one-line summary of what
 * failed for the assertion message.
 */
import type { TestInfo } from '@playwright/test';
import type { Scenario } from '../../scenarios/model/scenario.ts';
import type { ScenarioRun } from '../../scenarios/model/scenarioRun.ts';
import type { WrittenReports } from '../../scenarios/reports/writeReports.ts';
import { writeReports } from '../../scenarios/reports/writeReports.ts';
import { clientAdapterFor } from '../../scenarios/runner/clientLookalikes.ts';
import type { Environment } from '../../scenarios/runner/environment.ts';
import { runScenario } from '../../scenarios/runner/runScenario.ts';

export async function runScenarioInTest(scenario: Scenario, environment: Environment, testInfo: TestInfo): Promise<{ run: ScenarioRun; reports: WrittenReports; summary: string }> {
  for (const id of scenario.checks) testInfo.annotations.push({ type: 'requirement', description: id });
  const dir = testInfo.outputPath('report');
  const run = await runScenario(scenario, {
    environment,
    client: clientAdapterFor(scenario.client, environment.clients),
    outputDir: `${dir}/runs/${scenario.id}`,
    outputLink: `runs/${scenario.id}`,
    onProgress: (line) => testInfo.annotations.push({ type: 'step', description: line.trim() }),
  });
  const reports = writeReports(dir, [run], environment.redact);
  const failed = run.checks.filter((c) => c.status === 'FAILURE');
  const summary = `${run.steps.map((s) => `${s.name}:${s.status}${s.error ? ` (${s.error})` : ''}`).join(', ')}; failed checks: ${failed.map((c) => `${c.id} [${c.requirementIds.join(' ')}] ${c.details}`).join(' | ') || 'none'}`;
  return { run, reports, summary };
}
