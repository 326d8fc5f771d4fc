/**
 * The scenario matrix in npm test: every scenario of the catalogue — the happy path for each client
 * × connect method × upstream, the lifecycle scenarios, and the ten real-world defects — run by the
 * same runner as `gangway run`, each worker with its own stack on its own ports. A defect scenario
 * passes here when it fails with the right requirement ids, in the JSON, JUnit and HTML reports.
 */
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { SCENARIOS } from '../../scenarios/catalog/scenarios.ts';
import { clientAdapterFor } from '../../scenarios/runner/clientLookalikes.ts';
import { runScenario } from '../../scenarios/runner/runScenario.ts';
import { writeReports } from '../../scenarios/reports/writeReports.ts';
import { test } from './scenarioEnvironment.ts';


test.describe.configure({ mode: 'parallel' });

for (const scenario of SCENARIOS) {
  test(`${scenario.id} (${scenario.client})`, async ({ environment }, testInfo) => {
    test.setTimeout(180_000);
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
    expect(run.asExpected, summary).toBe(true);
    if (scenario.expected.kind === 'fail') {
      const json = JSON.parse(readFileSync(reports.json, 'utf8')) as { runs: { checks: { status: string; requirementIds: string[] }[] }[] };
      const junit = readFileSync(reports.junit, 'utf8');
      const htmlReport = readFileSync(reports.html, 'utf8');
      for (const id of scenario.expected.requirementIds) {
        expect(json.runs[0]!.checks.some((c) => c.status === 'FAILURE' && c.requirementIds.includes(id)), `${id} in checks.json`).toBe(true);
        expect(junit).toMatch(new RegExp(`<testcase[^>]*name="\\[[^\\]]*${id}[^\\]]*\\][^"]*"[^>]*><failure`));
        expect(htmlReport).toMatch(new RegExp(`<td class="bad">FAILURE</td><td>[^]*?${id}`));
      }
    }
  });
}
