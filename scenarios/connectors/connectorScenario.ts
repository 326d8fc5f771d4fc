/**
 * One connect method of a connector, in the browser, as a person does it: the steps of
 * connectorSteps.ts walked through the one step engine (runner/stepSession.ts — the same
 * screenshots, timing, statuses, redaction and failure handling as every scenario), then the
 * connector's checks. The result is a ScenarioRun, so the ordinary reports show it.
 */
import type { ClientAdapter } from '../adapters/clients/clientAdapter.ts';
import type { CheckResult } from '../model/checkResult.ts';
import type { ClientProfile, Scenario, StepName } from '../model/scenario.ts';
import { verdict, type ScenarioRun } from '../model/scenarioRun.ts';
import { openStepSession } from '../runner/stepSession.ts';
import type { ConnectorEnvironment } from './connectorEnvironment.ts';
import { connectorRunChecks } from './connectorRunChecks.ts';
import { connectorSteps } from './connectorSteps.ts';
import { CONNECT_METHOD_LABEL, type ConnectMethodName, type ConnectorManifest } from './manifestSchema.ts';

export interface ConnectorRunOptions {
  readonly environment: ConnectorEnvironment;
  readonly client: ClientAdapter;
  readonly method: ConnectMethodName;
  readonly outputDir: string;
  readonly outputLink: string;
  readonly onProgress?: (line: string) => void;
}

export function connectorScenario(manifest: ConnectorManifest, method: ConnectMethodName, client: ClientProfile, requirementIds: readonly string[]): Scenario {
  return {
    id: `connector-${manifest.id}-${CONNECT_METHOD_LABEL[method].slug}`,
    title: `${manifest.name}: connect by ${CONNECT_METHOD_LABEL[method].title} through the gateway, list, call every sample, ${method === 'none' ? 'outage' : 'expiry, outage, revocation'}`,
    client,
    upstreams: [],
    steps: [],
    checks: requirementIds,
    expected: { kind: 'pass' },
    tags: ['connector', manifest.id, method],
  };
}

export async function runConnectorScenario(manifest: ConnectorManifest, scenario: Scenario, options: ConnectorRunOptions): Promise<ScenarioRun> {
  const { environment, client, method } = options;
  const started = Date.now();
  environment.proxy.clear();
  const session = await openStepSession(await environment.browser(), { outputDir: options.outputDir, outputLink: options.outputLink, redact: environment.redact });
  const walk = connectorSteps({ manifest, method, environment, client, page: session.page, appName: `Gangway ${scenario.id}` });
  const records = await session.walk(walk.steps, { onProgress: options.onProgress ?? (() => undefined), label: 'title' });

  const checks: CheckResult[] = connectorRunChecks({ manifest, method, environment, steps: records, shownTools: walk.shownTools, calls: walk.calls }).map((c) => ({ ...c, details: environment.redact(c.details) }));
  const { passed, asExpected } = verdict(scenario, checks, records);
  const { trace } = await session.finish(!asExpected);
  return { scenario: { ...scenario, steps: records.map((r) => r.name as StepName) }, target: 'reference', startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, steps: records, checks, trace, passed, asExpected };
}
