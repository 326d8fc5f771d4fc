/**
 * `gangway validate-connector` as a function: manifest → the gateway with that one connector →
 * preflight checks (no browser; a failure stops here, cheaply) → one browser run per connect method
 * → reports by requirement id (HTML, JUnit, JSON via reports/writeReports.ts).
 */
import { join } from 'node:path';
import type { ClientProfile, Scenario } from '../model/scenario.ts';
import { verdict, type ScenarioRun } from '../model/scenarioRun.ts';
import { clientAdapterFor } from '../runner/clientLookalikes.ts';
import { writeReports, type WrittenReports } from '../reports/writeReports.ts';
import { startConnectorEnvironment } from './connectorEnvironment.ts';
import { connectorScenario, runConnectorScenario } from './connectorScenario.ts';
import { ManifestError } from './loadManifest.ts';
import { connectMethods, type ConnectMethodName, type ConnectorManifest } from './manifestSchema.ts';
import { preflightChecks } from './preflightChecks.ts';

export interface ValidateOptions {
  readonly client: ClientProfile;
  readonly reportDir: string;
  readonly headed?: boolean;
  /** Only these connect methods (default: every method the manifest offers), e.g. where another run already proved the rest. */
  readonly methods?: readonly ConnectMethodName[];
  readonly onProgress?: (line: string) => void;
}

export interface Validation {
  readonly ok: boolean;
  readonly runs: readonly ScenarioRun[];
  readonly reports: WrittenReports;
}

const REQUIREMENTS = ['UP-02', 'UP-03', 'UP-04', 'UP-05', 'UP-06', 'AUTH-09', 'AUTH-12', 'SEC-05'];

export async function validateConnector(manifest: ConnectorManifest, options: ValidateOptions): Promise<Validation> {
  const progress = options.onProgress ?? (() => undefined);
  const offered = connectMethods(manifest);
  const unknown = options.methods?.filter((method) => !offered.includes(method)) ?? [];
  if (unknown.length) throw new ManifestError(`${manifest.id} offers no ${unknown.join(', ')} connect method (its manifest offers ${offered.join(', ')})`);
  const methods = options.methods ? offered.filter((method) => options.methods!.includes(method)) : offered;
  const environment = await startConnectorEnvironment(manifest, { headed: options.headed ?? false });
  const runs: ScenarioRun[] = [];
  try {
    progress(`▶ preflight — ${manifest.name} (${manifest.mcpUrl})`);
    const started = Date.now();
    const preflight = (await preflightChecks(manifest, environment.callbackUrl)).map((c) => ({ ...c, details: environment.redact(c.details) }));
    for (const c of preflight) progress(`  ${c.status === 'SUCCESS' ? '✓' : c.status === 'FAILURE' ? '✗' : '·'} [${c.requirementIds.join(', ')}] ${c.title}${c.status === 'SUCCESS' ? '' : ` — ${c.details}`}`);
    const preflightScenario: Scenario = { id: `connector-${manifest.id}-preflight`, title: `${manifest.name}: checks before the browser`, client: options.client, upstreams: [], steps: [], checks: REQUIREMENTS, expected: { kind: 'pass' }, tags: ['connector', manifest.id] };
    const preflightVerdict = verdict(preflightScenario, preflight, []);
    runs.push({ scenario: preflightScenario, target: 'reference', startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, steps: [], checks: preflight, ...preflightVerdict });

    if (preflightVerdict.passed) {
      const client = clientAdapterFor(options.client, environment.clients);
      for (const method of methods) {
        const scenario = connectorScenario(manifest, method, options.client, REQUIREMENTS);
        progress(`▶ ${scenario.id} (${options.client}) — ${scenario.title}`);
        const run = await runConnectorScenario(manifest, scenario, {
          environment,
          client,
          method,
          outputDir: join(options.reportDir, 'runs', scenario.id),
          outputLink: `runs/${scenario.id}`,
          onProgress: progress,
        });
        for (const c of run.checks.filter((c) => c.status !== 'SUCCESS')) progress(`  ${c.status === 'FAILURE' ? '✗' : '·'} [${c.requirementIds.join(', ')}] ${c.id} — ${c.details}`);
        runs.push(run);
      }
    } else {
      progress('  the browser scenarios were not run: fix the failures above first');
    }
  } finally {
    await environment.close();
  }
  const reports = writeReports(options.reportDir, runs, environment.redact);
  return { ok: runs.every((run) => run.passed), runs, reports };
}
