/**
 * The scenario environment on a cluster (issue 14, "the scenario matrix passes against two replicas
 * behind nginx with round-robin, on a real PostgreSQL"): the same harness as scenarioEnvironment.ts —
 * client look-alikes, the observing proxy, Chromium, the redactor — but behind the proxy stands
 * stack/cluster's nginx balancer in front of two gateway replicas (child processes) sharing one real
 * PostgreSQL server (Debian's, a temporary data directory), instead of one in-process gateway.
 *
 * The clients are given the proxy's URL, the proxy forwards everything to the balancer: the checks
 * read every exchange as they do on one gateway, and nginx chooses a replica per request. The
 * replicas' public URL (issuer) is therefore the proxy's, as it is for the single gateway
 * (runner/gatewayBehindProxy.ts); everything else is the launcher's own configuration.
 *
 * Started once per Playwright worker (a worker-scoped fixture).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startMockUpstreams } from '../../mock-upstreams/index.ts';
import { startEnvironment, type Environment, type ReferenceStack, type StartedReference } from '../../scenarios/runner/environment.ts';
import { HARNESS_SEED, type Harness } from '../../scenarios/runner/harness.ts';
import { startCluster, type RunningCluster } from '../../stack/cluster/startCluster.ts';
import { startPostgres } from '../../stack/postgres/postgresServer.ts';

export interface ClusterScenarioWorld {
  readonly environment: Environment;
  readonly cluster: RunningCluster;
  /** The PostgreSQL URL every replica was given (carries its password: never print it). */
  readonly databaseUrl: string;
}

/** The settings of a gateway behind the harness's proxy, as environment variables for the replica processes. */
function replicaEnv(harness: Harness, databaseUrl: string): Record<string, string> {
  const settings = harness.gatewaySettings('gangway-cluster-scenario-');
  return {
    GANGWAY_PUBLIC_URL: String(settings.publicUrl),
    GANGWAY_OUTBOUND_CONNECT_TO: (settings.outboundConnectTo as readonly string[]).join(','),
    GANGWAY_OUTBOUND_CA_FILE: String(settings.outboundCaFile),
    GANGWAY_DIRECTORY_SEED: String(HARNESS_SEED),
    // Also set explicitly (not only as startCluster's databaseUrl): the replicas must be on PostgreSQL
    // whatever the launcher's store default is.
    GANGWAY_DATABASE_URL: databaseUrl,
    GANGWAY_LOG_LEVEL: 'info',
  };
}

async function startClusterReference(harness: Harness, started: (cluster: RunningCluster, databaseUrl: string) => void): Promise<StartedReference> {
  const postgres = await startPostgres();
  harness.onClose(() => postgres.stop());
  harness.redact.remember(decodeURIComponent(new URL(postgres.url).password));
  const mocks = await startMockUpstreams({ seed: HARNESS_SEED });
  harness.onClose(() => mocks.close());
  const cluster = await startCluster({ replicas: 2, mocks, databaseUrl: postgres.url, gatewayEnv: replicaEnv(harness, postgres.url) });
  harness.onClose(() => cluster.stop());
  harness.proxy.setTarget(cluster.url);
  started(cluster, postgres.url);
  const reference: ReferenceStack = {
    stack: { mocks },
    fixtures: mocks.fixtures,
    async configure(overrides) {
      // Per-scenario gateway settings would mean restarting every replica with them; the happy
      // matrix sets none, so a scenario that does is refused rather than run on the wrong settings.
      if (Object.keys(overrides).length > 0) throw new Error(`the cluster environment runs the replicas with fixed settings; this scenario needs ${Object.keys(overrides).join(', ')}`);
    },
    restart: () => cluster.rollingRestart(),
  };
  return { reference, gatewayMcpUrl: cluster.mcpUrl };
}

export async function startClusterEnvironment(): Promise<ClusterScenarioWorld> {
  let cluster: RunningCluster | undefined;
  let databaseUrl = '';
  const environment = await startEnvironment({}, (harness) =>
    startClusterReference(harness, (running, url) => {
      cluster = running;
      databaseUrl = url;
    }),
  );
  return { environment, cluster: cluster!, databaseUrl };
}

export const test = base.extend<object, { world: ClusterScenarioWorld }>({
  world: [
    async ({}, use, workerInfo) => {
      const world = await startClusterEnvironment();
      try {
        await use(world);
      } finally {
        // The replicas' own log lines (warnings a passing run may still show), redacted, beside the test results.
        mkdirSync(workerInfo.project.outputDir, { recursive: true });
        writeFileSync(join(workerInfo.project.outputDir, `cluster-replicas-worker-${workerInfo.workerIndex}.log`), `${world.environment.redact(world.cluster.logs())}\n`);
        await world.environment.close();
      }
    },
    // PostgreSQL's initdb, two replicas (tsx-compiled at start), nginx.
    { scope: 'worker', timeout: 120_000 },
  ],
});

test.use({ trace: 'off', screenshot: 'off' });
