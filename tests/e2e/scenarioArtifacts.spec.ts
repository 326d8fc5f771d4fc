/**
 * What a support engineer attaches to a ticket must hold no secret: runs with `keepTrace: 'always'`
 * (an API-key connect and an OAuth connect, so typed keys, vendor logins, authorization codes and
 * gateway tokens all pass through the browser), then every file of the report directory — and every
 * entry inside the kept trace zips — is searched for the secrets this test collects on its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect } from '@playwright/test';
import { findScenarios } from '../../scenarios/catalog/scenarios.ts';
import { jsonOf } from '../../wire/jsonRpcMessages.ts';
import { clientAdapterFor } from '../../scenarios/runner/clientLookalikes.ts';
import { startEnvironment } from '../../scenarios/runner/environment.ts';
import { runScenario } from '../../scenarios/runner/runScenario.ts';
import { writeReports } from '../../scenarios/reports/writeReports.ts';
import type { ScenarioRun } from '../../scenarios/model/scenarioRun.ts';

test.use({ trace: 'off', screenshot: 'off' });

/** Every text the report directory holds, trace zips opened, as [where, text]. */
function artifactTexts(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...artifactTexts(path));
    else if (name.endsWith('.zip')) {
      for (const [entry, bytes] of Object.entries(unzipSync(readFileSync(path)))) out.push([`${path}!${entry}`, strFromU8(bytes, true)]);
    } else out.push([path, readFileSync(path, 'latin1')]);
  }
  return out;
}

test('reports and kept traces carry no key, password, code, token or session cookie', async ({}, testInfo) => {
  test.setTimeout(180_000);
  const environment = await startEnvironment();
  const dir = testInfo.outputPath('report');
  const secrets = new Set<string>();
  const runs: ScenarioRun[] = [];
  try {
    for (const scenario of findScenarios(['happy-claude-github-api-key', 'happy-chatgpt-slack-oauth'])) {
      const run = await runScenario(scenario, {
        environment,
        client: clientAdapterFor(scenario.client, environment.clients),
        outputDir: `${dir}/runs/${scenario.id}`,
        outputLink: `runs/${scenario.id}`,
        keepTrace: 'always',
      });
      expect(run.passed, scenario.id).toBe(true);
      runs.push(run);
      // Collected here from the wire, independently of what the runner chose to remember.
      for (const exchange of environment.proxy.exchanges) {
        const auth = exchange.request.headers.authorization;
        if (auth) secrets.add(auth.replace(/^\w+\s+/, ''));
        const form = new URLSearchParams(exchange.request.body);
        for (const name of ['code', 'code_verifier', 'refresh_token']) if (form.get(name)) secrets.add(form.get(name)!);
        const json = jsonOf(exchange.response.body) as Record<string, unknown> | undefined;
        for (const field of ['access_token', 'refresh_token', 'client_secret']) if (typeof json?.[field] === 'string') secrets.add(json[field] as string);
      }
    }
  } finally {
    await environment.close();
  }
  for (const upstream of ['github', 'slack', 'atlassian'] as const) {
    secrets.add(environment.credentials.apiKey(upstream).key);
    secrets.add(environment.credentials.vendorAccount(upstream).password);
  }
  secrets.add(environment.credentials.person.password);
  writeReports(dir, runs, environment.redact);

  const texts = artifactTexts(dir);
  expect(texts.filter(([where]) => where.includes('trace.zip!')).length, 'both traces kept and readable').toBeGreaterThan(10);
  expect(secrets.size, 'tokens, codes and keys were collected').toBeGreaterThan(6);
  for (const [where, text] of texts) {
    for (const secret of secrets) expect(text.includes(secret), `a secret (${secret.slice(0, 3)}…) in ${where}`).toBe(false);
    // Shapes no run-specific list catches: vendor authorization codes and session cookies.
    expect(text, where).not.toMatch(/[?&]code=(?!\[redacted\])[A-Za-z0-9_-]{6,}/);
    expect(text, where).not.toMatch(/"name":\s*"(?:cookie|set-cookie)",\s*"value":\s*"(?!\[redacted\])/i);
  }
});
