/**
 * `npm run bench`, second part: what a scenario costs in a real browser, measured in one run (a
 * benchmark, never a test — read the ratios, not the numbers).
 *
 *   1. start-up of one environment (mock clients, proxy, reference stack, Chromium);
 *   2. the demo scenario (ChatGPT look-alike, GitHub by API key), median of RUNS, per step, with
 *      the share the harness itself takes (probes, checks, reports) against the browser steps;
 *   3. the same scenario keeping a redacted trace (--trace always) against keeping none;
 *   4. the whole matrix (`gangway run` without a selection: every happy path and lifecycle
 *      scenario) once, sequentially, in the same environment: its wall time and scenarios per minute.
 *
 * Every loop is bounded by the catalogue or by RUNS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findScenarios } from '../../scenarios/catalog/scenarios.ts';
import type { ScenarioRun } from '../../scenarios/model/scenarioRun.ts';
import { clientAdapterFor } from '../../scenarios/runner/clientLookalikes.ts';
import { startEnvironment, type Environment } from '../../scenarios/runner/environment.ts';
import { runScenario } from '../../scenarios/runner/runScenario.ts';

const RUNS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function runOnce(environment: Environment, id: string, dir: string, keepTrace: 'always' | 'unexpected'): Promise<ScenarioRun> {
  const [scenario] = findScenarios([id]);
  const run = await runScenario(scenario!, {
    environment,
    client: clientAdapterFor(scenario!.client, environment.clients),
    outputDir: join(dir, `${id}-${Math.random().toString(36).slice(2)}`),
    outputLink: id,
    keepTrace,
  });
  if (!run.asExpected) throw new Error(`${id} did not go as expected; the measurement would be meaningless`);
  return run;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gangway-bench-'));
  const startedAt = performance.now();
  const environment = await startEnvironment();
  const startup = performance.now() - startedAt;
  try {
    const demo = 'happy-chatgpt-github-api-key';
    await runOnce(environment, demo, dir, 'unexpected'); // warm-up: first page loads, JIT
    const plain: ScenarioRun[] = [];
    const traced: ScenarioRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      plain.push(await runOnce(environment, demo, dir, 'unexpected'));
      traced.push(await runOnce(environment, demo, dir, 'always'));
    }
    const wall = median(plain.map((r) => r.durationMs));
    const stepNames = plain[0]!.steps.map((s) => s.name);
    const stepMedians = stepNames.map((name, i) => [name, median(plain.map((r) => r.steps[i]!.durationMs ?? 0))] as const);
    const stepsTotal = stepMedians.reduce((sum, [, ms]) => sum + ms, 0);
    const tracedWall = median(traced.map((r) => r.durationMs));

    const matrixScenarios = findScenarios([]);
    const matrixStarted = performance.now();
    for (const scenario of matrixScenarios) await runOnce(environment, scenario.id, dir, 'unexpected');
    const matrix = performance.now() - matrixStarted;
    const perMinute = (matrixScenarios.length / matrix) * 60_000;

    const out = [
      '',
      `Gangway scenarios in Chromium (reference stack on loopback; median of ${RUNS} runs)`,
      '',
      `  ${'environment start-up'.padEnd(48)}${seconds(startup)}`,
      `  ${`demo scenario (${demo})`.padEnd(48)}${seconds(wall)}`,
      ...stepMedians.map(([name, ms]) => `    ${name.padEnd(46)}${seconds(ms)}`),
      `  ${'harness share of a run (probes, checks)'.padEnd(48)}${((wall - stepsTotal) / wall).toFixed(2)} (outside the browser steps)`,
      `  ${'--trace always / no trace'.padEnd(48)}${(tracedWall / wall).toFixed(2)}× (${seconds(tracedWall)} vs ${seconds(wall)})`,
      `  ${`whole matrix, ${matrixScenarios.length} scenarios in sequence`.padEnd(48)}${seconds(matrix)} → ${perMinute.toFixed(1)} scenarios/min (incl. the token-expiry wait)`,
      '',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await environment.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
