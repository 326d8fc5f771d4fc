/**
 * The scenario matrix in npm test: every scenario of the catalogue — the happy path for each client
 * × connect method × upstream, the lifecycle scenarios, and the ten real-world defects — run by the
 * same runner as `gangway run`, each worker with its own stack on its own ports. A defect scenario
 * passes here when it fails with the right requirement ids, in the JSON, JUnit and HTML reports.
 */
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { SCENARIOS } from '../../scenarios/catalog/scenarios.ts';
import { test } from './scenarioEnvironment.ts';
import { runScenarioInTest } from './scenarioInTest.ts';


test.describe.configure({ mode: 'parallel' });

for (const scenario of SCENARIOS) {
  test(`${scenario.id} (${scenario.client})`, async ({ environment }, testInfo) => {
    test.setTimeout(180_000);
    const { run, reports, summary } = await runScenarioInTest(scenario, environment, testInfo);
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
