/**
 * The happy-path scenario matrix on a cluster (issue 14, first "done when"): every client × connect
 * method × upstream (tag `happy`: 18 in 2025-11-25 plus the two hosted look-alikes' 2026-07-28
 * variants) run by the same runner as scenarios.spec.ts, against two gateway replicas behind nginx
 * round-robin on one real PostgreSQL (clusterEnvironment.ts), every check as strict as on one gateway.
 *
 * Left out, each for a reason of its own: the defect scenarios (a fault the proxy injects in front
 * of ONE gateway; the matrix here is about a healthy cluster), the lifecycle ones (per-scenario
 * gateway settings such as a 4 s token lifetime, or a restart of "the" gateway: a cluster restarts
 * its replicas with fixed settings) and the generic one (not part of the matrix). The MCP-feature
 * scenarios run too (widget, prompt, progress, elicitation in both revisions).
 *
 * Besides the scenario's own checks, each run proves it really ran on the cluster: nginx's access
 * log shows the scenario's MCP and OAuth requests answered by both replicas; in 2025-11-25 an MCP
 * session opened on one replica was continued on the other (its log says `mcp.session_revived`);
 * the tool it connected is a row in PostgreSQL, on which both replicas are listening.
 */
import { expect } from '@playwright/test';
import pg from 'pg';
import { findScenarios, SCENARIOS } from '../../scenarios/catalog/scenarios.ts';
import { STATELESS_REVISION } from '../../wire/protocolVersions.ts';
import { answeredByReplica, sessionsRevived } from './clusterEvidence.ts';
import { test } from './clusterEnvironment.ts';
import { runScenarioInTest } from './scenarioInTest.ts';

/**
 * The happy matrix and the MCP-feature scenarios; GANGWAY_CLUSTER_SCENARIOS="id-or-tag …" runs other catalogue scenarios on the
 * cluster instead (to reproduce a cluster-only failure; one that needs gateway settings is refused).
 */
const selected = process.env.GANGWAY_CLUSTER_SCENARIOS?.split(/[\s,]+/).filter(Boolean);
// The MCP-feature scenarios (widget, prompt, progress, elicitation, in both revisions) too: a question
// relayed during a call and answered by a POST that nginx may send to the other replica is the
// cluster's hardest case (replicaForwarding.ts).
const onCluster = (scenario: (typeof SCENARIOS)[number]) => (scenario.tags?.includes('happy') || scenario.tags?.includes('mcp-features')) && scenario.expected.kind === 'pass';
const MATRIX = selected?.length ? findScenarios(selected) : SCENARIOS.filter(onCluster);

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
    // nginx, the replicas and this process read one system clock: what they logged from now on is this scenario's.
    const started = Date.now();
    const { run, summary } = await runScenarioInTest(scenario, environment, testInfo);
    if (!run.asExpected) {
      // Which replica answered what (nginx) and what the replicas said, for finding a cluster-only failure.
      await testInfo.attach('nginx-access-log', { body: cluster.balancer.accessLog().filter((line) => Number(line.split(' ')[0]) * 1000 >= started).join('\n') });
      await testInfo.attach('cluster-logs-tail', { body: environment.redact(cluster.logs().split('\n').slice(-200).join('\n')) });
    }
    expect(run.asExpected, summary).toBe(true);
    expect(run.checks.length, 'the scenario ran its checks').toBeGreaterThan(0);

    const served = answeredByReplica(cluster, started);
    testInfo.annotations.push({ type: 'replicas', description: [...served].map(([index, c]) => `replica-${index}: mcp ${c.mcp}, oauth ${c.oauth}, other ${c.other}`).join('; ') });
    expect(served.size, 'replicas behind nginx').toBe(2);
    for (const [index, c] of served) {
      expect(c.mcp, `MCP requests of this scenario answered by replica-${index}`).toBeGreaterThan(0);
      expect(c.oauth, `OAuth requests of this scenario answered by replica-${index}`).toBeGreaterThan(0);
    }

    // A 2025-11-25 client keeps one MCP session across requests that nginx spreads: the replica that did
    // not open it must have taken it over from the store (2026-07-28 has no sessions).
    if (scenario.protocolRevision !== STATELESS_REVISION) {
      const revived = sessionsRevived(cluster, started);
      testInfo.annotations.push({ type: 'sessions', description: `${revived} MCP session(s) continued on the replica that did not open them` });
      expect(revived, 'MCP sessions opened on one replica and continued on the other (mcp.session_revived in the replicas\' logs)').toBeGreaterThan(0);
    }

    // The generic scenario connects what the credentials name: the reference stack's GitHub by API key.
    const { upstream, method } = scenario.upstreams[0] ?? { upstream: 'github', method: 'api_key' };
    const connections = await query<{ method: string }>(databaseUrl, 'SELECT method FROM upstream_connections WHERE connector_id = $1', [upstream]);
    expect(connections.map((c) => c.method), `${upstream}'s connection in PostgreSQL`).toContain(method);
    // Each replica's store keeps one LISTEN connection open for its life (`gangway-<instance>-listen`); pooled ones come and go.
    const listeners = await query<{ name: string }>(databaseUrl, "SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE application_name LIKE 'gangway-%-listen'");
    expect(listeners.length, `replicas listening on PostgreSQL (${listeners.map((l) => l.name).join(', ')})`).toBe(cluster.replicas.length);
  });
}
