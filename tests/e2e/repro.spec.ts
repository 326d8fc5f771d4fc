/**
 * `gangway repro` end to end: every entry of the failure catalogue is reproduced on the reference
 * stack — the ten gateway defects through the mutating proxy, the user-side entries by doing what
 * the person did, the upstream entry through the mock vendor's knobs, clock skew through a
 * fast-clock replica the proxy plays — and the diagnosis must name that entry and its requirement
 * ids. Each bundle is then searched for every seeded secret and every token, code and key the run
 * put on the wire, and its HTML is opened in Chromium, where every screenshot must load.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { expect } from '@playwright/test';
import { directoryUsers } from '../../fixtures/directory.ts';
import { seededSecrets } from '../../fixtures/vendors/index.ts';
import { writeBundle } from '../../scenarios/failures/bundle/writeBundle.ts';
import { FAILURES } from '../../scenarios/failures/catalog.ts';
import { reproduce } from '../../scenarios/failures/reproduce.ts';
import { jsonOf } from '../../wire/jsonRpcMessages.ts';
import type { Environment } from '../../scenarios/runner/environment.ts';
import { test } from './scenarioEnvironment.ts';


test.describe.configure({ mode: 'parallel' });

/** Every text of the bundle, trace zips opened, as [where, text]. */
function bundleTexts(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...bundleTexts(path));
    else if (name.endsWith('.zip')) for (const [entry, bytes] of Object.entries(unzipSync(readFileSync(path)))) out.push([`${path}!${entry}`, strFromU8(bytes, true)]);
    else if (!name.endsWith('.png')) out.push([path, readFileSync(path, 'latin1')]);
  }
  return out;
}

/** Collected here from the wire and the seed, independently of what the runner chose to redact. */
function secretsOf(environment: Environment): Set<string> {
  const secrets = new Set<string>();
  for (const seeded of seededSecrets(environment.reference!.fixtures)) secrets.add(seeded.secret);
  for (const user of directoryUsers(20261124)) secrets.add(user.password);
  for (const exchange of environment.proxy.exchanges) {
    const auth = exchange.request.headers.authorization;
    if (auth) secrets.add(auth.replace(/^\w+\s+/, ''));
    for (const params of [new URLSearchParams(exchange.request.body), exchange.request.query]) {
      for (const name of ['code', 'code_verifier', 'refresh_token']) if (params.get(name)) secrets.add(params.get(name)!);
    }
    const json = jsonOf(exchange.response.body) as Record<string, unknown> | undefined;
    for (const field of ['access_token', 'refresh_token', 'id_token', 'client_secret']) if (typeof json?.[field] === 'string') secrets.add(json[field] as string);
  }
  return new Set([...secrets].filter((s) => s.length >= 6));
}

for (const entry of FAILURES) {
  test(`${entry.id}: reproduced and diagnosed as ${entry.requirementIds.join(' ')}`, async ({ environment }, testInfo) => {
    test.setTimeout(180_000);
    for (const id of entry.requirementIds) testInfo.annotations.push({ type: 'requirement', description: id });
    const dir = testInfo.outputPath('bundle');
    const [reproduction] = await reproduce({ entries: [entry], environment, outDir: dir, onProgress: (line) => testInfo.annotations.push({ type: 'step', description: line.trim() }) });
    const secrets = secretsOf(environment);
    expect(reproduction?.skipped).toBeUndefined();
    const { run, diagnosis } = reproduction!;
    const summary = `${run!.steps.map((s) => `${s.name}:${s.status}${s.error ? ` (${s.error})` : ''}`).join(', ')}; first failure: ${diagnosis!.firstFailure?.id} ${diagnosis!.firstFailure?.details}`;
    expect(diagnosis!.reproduced, summary).toBe(true);
    expect(diagnosis!.entry?.id, summary).toBe(entry.id);
    expect(diagnosis!.firstFailure?.id).toBe(entry.diagnosedBy);
    for (const id of entry.requirementIds) expect(diagnosis!.requirementIds).toContain(id);

    const files = writeBundle(dir, entry.id, environment.target, [reproduction!], environment.redact);
    expect(JSON.parse(readFileSync(files.json, 'utf8')).entries[0].diagnosedAs).toBe(entry.id);
    const texts = bundleTexts(dir);
    expect(texts.some(([where]) => where.endsWith('traffic.har')), 'HAR kept').toBe(true);
    expect(texts.filter(([where]) => where.includes('trace.zip!')).length, 'trace kept').toBeGreaterThan(5);
    expect(secrets.size).toBeGreaterThan(10);
    for (const [where, text] of texts) {
      for (const secret of secrets) expect(text.includes(secret), `a secret (${secret.slice(0, 3)}…) in ${where}`).toBe(false);
      expect(text, where).not.toMatch(/[?&]code=(?!\[redacted\])[A-Za-z0-9_-]{6,}/);
      expect(text, where).not.toMatch(/"name":\s*"(?:cookie|set-cookie)",\s*"value":\s*"(?!\[redacted\])/i);
    }
    JSON.parse(readFileSync(join(dir, 'scenario-report', run!.har!), 'utf8'));

    // The bundle opens as it is: its page shows the diagnosis and every screenshot loads.
    const context = await environment.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(files.html).href);
      await expect(page.locator('.diagnosis').first()).toContainText(entry.title);
      const images = await page.locator('img').evaluateAll((imgs) => imgs.map((img) => ({ src: img.getAttribute('src'), loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0 })));
      expect(images.length).toBe(run!.steps.filter((s) => s.status !== 'skipped').length);
      for (const image of images) expect(image.loaded, `${image.src} loads`).toBe(true);
    } finally {
      await context.close();
    }
  });
}
