/**
 * What the cluster proofs (tests/cluster/refreshOnce, failover, rollingRestart) share: one cluster
 * per test file — two replicas on a real PostgreSQL behind nginx (stack/cluster/startCluster.ts) —
 * which replica nginx handed each request to (its access log), and the replicas' log tail when a
 * test fails. Everything a test asks goes through the balancer's URL, as a client's would.
 */
import { afterAll, beforeAll } from 'vitest';
import { directoryUsers } from '../../fixtures/directory.ts';
import { startCluster, type RunningCluster } from '../../stack/cluster/startCluster.ts';
import type { Person } from './oauthDriver.ts';
import { startTestPostgres, type TestPostgres } from './postgres.ts';

export const CLUSTER_SEED = 20261124;

export interface TestCluster {
  readonly cluster: RunningCluster;
  readonly postgres: TestPostgres;
  /** The directory's person `index` (the replicas run with GANGWAY_DIRECTORY_SEED = CLUSTER_SEED). */
  person(index: number): Person;
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL of its own (a fresh database) and the cluster on it. The database URL is given
 * both as `databaseUrl` and as GANGWAY_DATABASE_URL: the launcher's store may not pass it on yet, and
 * the replicas must be on PostgreSQL either way (its LISTEN/NOTIFY is what carries list_changed).
 */
export async function startTestCluster(gatewayEnv: Readonly<Record<string, string>> = {}): Promise<TestCluster> {
  const postgres = await startTestPostgres();
  try {
    const databaseUrl = await postgres.newDatabase();
    const cluster = await startCluster({
      replicas: 2,
      databaseUrl,
      mockOptions: { seed: CLUSTER_SEED },
      gatewayEnv: {
        GANGWAY_DATABASE_URL: databaseUrl,
        GANGWAY_DIRECTORY_SEED: String(CLUSTER_SEED),
        // The proofs send hundreds of calls as one user from one address in a minute: the defaults
        // (600 tool calls a minute, a registration window per address) would refuse the load itself.
        GANGWAY_TOOL_CALLS_PER_MINUTE: '1000000',
        GANGWAY_REGISTRATIONS_PER_IP: '100000',
        ...gatewayEnv,
      },
    });
    // Each replica says at start which store it opened: all must be on the shared PostgreSQL. The
    // line comes through a pipe and may trail the replica's first answer to /readyz by a moment.
    const startedLines = () => cluster.logs().split('\n').filter((line) => line.includes('"gateway.started"'));
    for (let waited = 0; startedLines().length < 2 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const started = startedLines();
    if (started.length !== 2 || !started.every((line) => line.includes('"store":"postgres"'))) {
      await cluster.stop();
      throw new Error(`the replicas are not both on PostgreSQL:\n${started.join('\n')}`);
    }
    const users = directoryUsers(CLUSTER_SEED);
    return {
      cluster,
      postgres,
      person: (index) => users[index]!,
      async stop() {
        await cluster.stop();
        await postgres.stop();
      },
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

export interface BalancedRequest {
  readonly method: string;
  readonly uri: string;
  readonly status: number;
  /** Index of the replica that answered (the last one nginx tried); -1 when none did. */
  readonly replica: number;
  /** How many replicas nginx tried (2: the first refused the connection and it passed the request on). */
  readonly tried: number;
}

/** The access-log lines from `from` on (format: stack/cluster/nginxConfig.ts ACCESS_LOG_FORMAT). */
export function balancedRequests(cluster: RunningCluster, from = 0): BalancedRequest[] {
  const ports = cluster.replicas.map((replica) => new URL(replica.listenUrl).port);
  return cluster.balancer
    .accessLog()
    .slice(from)
    .map((line) => {
      const [, method = '', uri = '', status = '0'] = /^\S+ (\S+) (\S+) (\d+)/.exec(line) ?? [];
      // "upstream=127.0.0.1:A, 127.0.0.1:B upstream_status=502, 200" when the first refused.
      const tried = /upstream=(.*?) upstream_status=/.exec(line)?.[1]?.split(/,\s*/).filter((address) => address !== '-') ?? [];
      return { method, uri, status: Number(status), replica: ports.indexOf(tried.at(-1)?.split(':')[1] ?? ''), tried: tried.length };
    });
}

/** How many requests each replica answered, by index. */
export function perReplica(requests: readonly BalancedRequest[], replicas: number): number[] {
  const counts = Array.from({ length: replicas }, () => 0);
  for (const request of requests) if (request.replica >= 0) counts[request.replica]!++;
  return counts;
}

/** Runs a test body; on failure prints the replicas' last log lines and nginx's error log first. */
export function withClusterLogs(cluster: () => RunningCluster | undefined, run: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await run();
    } catch (error) {
      const running = cluster();
      if (running) {
        const tail = running.logs().split('\n').slice(-80).join('\n');
        process.stderr.write(`--- cluster logs (tail) ---\n${tail}\n--- nginx error log ---\n${running.balancer.errorLog().slice(-2000)}\n`);
      }
      throw error;
    }
  };
}

/** One cluster for the whole test file: started before its tests, stopped after them. */
export function clusterForFile(): () => TestCluster {
  let running: TestCluster | undefined;
  beforeAll(async () => {
    running = await startTestCluster();
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
  }, 60_000);
  return () => {
    if (!running) throw new Error('the cluster did not start (see beforeAll)');
    return running;
  };
}
