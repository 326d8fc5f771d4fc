/**
 * JUnit XML for CI: a test suite per scenario run, a test case per step and per check. A check's
 * name starts with its requirement ids in brackets (`[AUTH-02] …`), so a CI page that lists failed
 * tests names the requirement. For a defect scenario the expected failures are still failures here:
 * the report says what the gateway did, the suite's `asExpected` says whether that was the plan.
 */
import { escapeHtml } from '../../web/html.ts';
import type { ScenarioRun } from '../model/scenarioRun.ts';

/** Text and attribute values: HTML's escapes are XML's too (numeric references for ' and `). */
function xml(value: string): string {
  // Control characters are not allowed in XML 1.0 at all, escaped or not.
  return escapeHtml(value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function suite(run: ScenarioRun): string {
  const name = `${run.scenario.id} (${run.scenario.client})`;
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const step of run.steps) {
    const open = `<testcase classname="${xml(name)}.steps" name="${xml(`step ${step.name}: ${step.title}`)}" time="${seconds(step.durationMs)}">`;
    if (step.status === 'failed') {
      failures++;
      cases.push(`${open}<failure message="${xml(step.error ?? 'step failed')}"></failure></testcase>`);
    } else if (step.status === 'skipped') {
      skipped++;
      cases.push(`${open}<skipped message="an earlier step failed"></skipped></testcase>`);
    } else cases.push(`${open}</testcase>`);
  }
  for (const check of run.checks) {
    const open = `<testcase classname="${xml(name)}.checks" name="${xml(`[${check.requirementIds.join(' ')}] ${check.title}`)}" time="0">`;
    if (check.status === 'FAILURE') {
      failures++;
      cases.push(`${open}<failure message="${xml(check.details)}" type="${xml(check.id)}"></failure></testcase>`);
    } else if (check.status === 'SKIPPED' || check.status === 'NOT_RUN') {
      skipped++;
      cases.push(`${open}<skipped message="${xml(check.details)}"></skipped></testcase>`);
    } else if (check.status === 'WARNING') {
      cases.push(`${open}<system-out>${xml(`WARNING: ${check.details}`)}</system-out></testcase>`);
    } else cases.push(`${open}</testcase>`);
  }
  const expectation = run.scenario.expected.kind === 'fail' ? ` expected to fail on ${run.scenario.expected.requirementIds.join(' ')}; as expected: ${run.asExpected}` : '';
  return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds(run.durationMs)}" timestamp="${xml(run.startedAt)}">
    <properties><property name="target" value="${xml(run.target)}"/><property name="asExpected" value="${run.asExpected}"/></properties>
${cases.map((c) => `    ${c}`).join('\n')}${expectation ? `\n    <system-out>${xml(expectation.trim())}</system-out>` : ''}
  </testsuite>`;
}

export function junitReport(runs: readonly ScenarioRun[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="gangway scenarios">
${runs.map(suite).join('\n')}
</testsuites>
`;
}
