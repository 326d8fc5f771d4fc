/**
 * The happy-path scenario matrix on a cluster (issue 14, first "done when"): every client × connect
 * method × upstream (tag `happy`: 18 in 2025-11-25 plus the two hosted look-alikes' 2026-07-28
 * variants) run by the same runner as scenarios.spec.ts, against two gateway replicas behind nginx
 * round-robin on one real PostgreSQL (clusterEnvironment.ts), every check as strict as on one gateway.
 *
 * Left out, each for a reason of its own: the defect scenarios (a fault the proxy injects in front
 * of ONE gateway; the matrix here is about a healthy cluster), the lifecycle ones (per-scenario
 * gateway settings such as a 4 s token lifetime, or a restart of "the" gateway: a cluster restarts
 * its replicas with fixed settings) and the MCP-feature and generic ones (not part of the client ×
 * method × upstream matrix).
 *
 * Besides the scenario's own checks, each run proves it really ran on the cluster: nginx's access
 * log shows the scenario's requests answered by both replicas, and the tool it connected is a row
 * in PostgreSQL, to which both replicas hold connections.
 */
import { expect } from '@playwright/test';
import pg from 'pg';
import { SCENARIOS } from '../../scenarios/catalog/scenarios.ts';
import { clientAdapterFor } from '../../scenarios/runner/clientLookalikes.ts';
import { runScenario } from '../../scenarios/runner/runScenario.ts';
import { writeReports } from '../../scenarios/reports/writeReports.ts';
import type { RunningCluster } from '../../stack/cluster/startCluster.ts';
import { test } from './clusterEnvironment.ts';

const MATRIX = SCENARIOS.filter((scenario) => scenario.tags?.includes('happy') && scenario.expected.kind === 'pass');

/** Requests nginx logged since `sinceMs`, counted by the replica that answered (the last address tried). */
function answeredByReplica(cluster: RunningCluster, sinceMs: number): Map<number, number> {
  const byPort = new Map(cluster.replicas.map((replica) => [new URL(replica.listenUrl).port, replica.index]));
  const counts = new Map<number, number>();
  for (const line of cluster.balancer.accessLog()) {
    // ACCESS_LOG_FORMAT: `$msec $method $uri $status upstream=$upstream_addr upstream_status=…`
    const match = /^(\d+(?:\.\d+)?) \S+ \S+ \d+ upstream=(\S+(?:, \S+)*) upstream_status=/.exec(line);
    if (!match || Number(match[1]) * 1000 < sinceMs) continue;
    const last = match[2]!.split(', ').at(-1)!;
    const index = byPort.get(last.split(':').at(-1)!);
    if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  return counts;
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

test.describe.configure({ mode: 'parallel' });

for (const scenario of MATRIX) {
  test(`${scenario.id} (${scenario.client}) on 2 replicas + nginx + PostgreSQL`, async ({ world }, testInfo) => {
    test.setTimeout(180_000);
    const { environment, cluster, databaseUrl } = world;
    for (const id of scenario.checks) testInfo.annotations.push({ type: 'requirement', description: id });
    // nginx's $msec has millisecond resolution: a second back covers a clock read between the two processes.
    const started = Date.now() - 1000;
    const dir = testInfo.outputPath('report');
    const run = await runScenario(scenario, {
      environment,
      client: clientAdapterFor(scenario.client, environment.clients),
      outputDir: `${dir}/runs/${scenario.id}`,
      outputLink: `runs/${scenario.id}`,
      onProgress: (line) => testInfo.annotations.push({ type: 'step', description: line.trim() }),
    });
    writeReports(dir, [run], environment.redact);
    const failed = run.checks.filter((c) => c.status === 'FAILURE');
    const summary = `${run.steps.map((s) => `${s.name}:${s.status}${s.error ? ` (${s.error})` : ''}`).join(', ')}; failed checks: ${failed.map((c) => `${c.id} [${c.requirementIds.join(' ')}] ${c.details}`).join(' | ') || 'none'}`;
    if (!run.asExpected) await testInfo.attach('cluster-logs-tail', { body: environment.redact(cluster.logs().split('\n').slice(-200).join('\n')) });
    expect(run.asExpected, summary).toBe(true);
    expect(run.checks.length, 'the scenario ran its checks').toBeGreaterThan(0);

    const served = answeredByReplica(cluster, started);
    testInfo.annotations.push({ type: 'replicas', description: cluster.replicas.map((r) => `replica-${r.index}: ${served.get(r.index) ?? 0} requests`).join(', ') });
    for (const replica of cluster.replicas) expect(served.get(replica.index) ?? 0, `requests of this scenario answered by replica-${replica.index}`).toBeGreaterThan(0);

    const { upstream, method } = scenario.upstreams[0]!;
    const connections = await query<{ method: string }>(databaseUrl, 'SELECT method FROM upstream_connections WHERE connector_id = $1', [upstream]);
    expect(connections.map((c) => c.method), `${upstream}'s connection in PostgreSQL`).toContain(method);
    // Each replica's store keeps one LISTEN connection open for its life (`gangway-<instance>-listen`); pooled ones come and go.
    const listeners = await query<{ name: string }>(databaseUrl, "SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE application_name LIKE 'gangway-%-listen'");
    expect(listeners.length, `replicas listening on PostgreSQL (${listeners.map((l) => l.name).join(', ')})`).toBe(cluster.replicas.length);
  });
}
