/**
 * A cluster on loopback (issue 14 part 3): the mock upstreams, N gateway replicas as child processes
 * on one PostgreSQL (clusterStore.ts), and nginx round-robin in front — the balancer's URL is the public URL and the
 * issuer of every replica. `npm run start:cluster` (clusterMain.ts) and tests/cluster/ start it here.
 *
 * Each replica gets, by environment: its own loopback port and data directory, the balancer's URL as
 * GANGWAY_PUBLIC_URL, GANGWAY_TRUST_PROXY=true (nginx sets X-Forwarded-*), the shared store, the
 * one vault key file and the mocks' catalogue (clusterFiles.ts), plus any extra settings given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMockUpstreams, type RunningMockUpstreams, type StartMockUpstreamsOptions } from '../../mock-upstreams/index.ts';
import { mockCatalog } from '../mockCatalog.ts';
import { writeClusterFiles } from './clusterFiles.ts';
import { freePort } from '../freePort.ts';
import { postgresBinDir } from '../postgres/postgresServer.ts';
import { nginxBinary, startNginx, type NginxBalancer } from './nginxBalancer.ts';
import { replicaProcess, type ReplicaProcess } from './replicaProcess.ts';
import { clusterStore, type ClusterStore } from './clusterStore.ts';

export type { ReplicaProcess } from './replicaProcess.ts';

export interface ClusterOptions {
  /** How many gateway replicas (default 2). */
  readonly replicas?: number;
  /** Where the cluster keeps its files (vault key, catalogue, data, nginx); a temporary folder, removed by stop(), when left out. */
  readonly rootDir?: string;
  /** The balancer's port (default: a free one). */
  readonly port?: number;
  /** Mock upstreams already running; otherwise the cluster starts its own (with `mockOptions`) and stops them. */
  readonly mocks?: RunningMockUpstreams;
  readonly mockOptions?: StartMockUpstreamsOptions;
  /** Where the cluster's own PostgreSQL keeps its data, kept across starts (default: a temporary folder); ignored with `databaseUrl`. */
  readonly postgresDataDir?: string;
  /** A PostgreSQL server already running, instead of the cluster's own. */
  readonly databaseUrl?: string;
  /** More GANGWAY_* settings for every replica (they win over the cluster's own). */
  readonly gatewayEnv?: Readonly<Record<string, string>>;
  /** Each log line of the replicas as it comes (they are kept for logs() as well). */
  readonly onLog?: (line: string) => void;
}

export interface RunningCluster {
  /** The balancer's URL: the public URL and issuer of every replica. */
  readonly url: string;
  readonly mcpUrl: string;
  /** The shared store's PostgreSQL URL (carries its password: do not print it). */
  readonly databaseUrl: string;
  readonly mocks: RunningMockUpstreams;
  readonly replicas: readonly ReplicaProcess[];
  readonly balancer: NginxBalancer;
  /**
   * One replica at a time: out of the balancer's rotation, stop (it drains what it holds), start,
   * wait until ready, back into rotation, then the next (README "Run several replicas").
   */
  rollingRestart(): Promise<void>;
  /** The replicas' output so far (JSON log lines, each prefixed with `[replica-N]`), for a failing test. */
  logs(): string;
  stop(): Promise<void>;
}

const MAX_LOG_LINES = 20_000;
/** A replica that has not finished draining by then is killed by stop(). */
const STOP_GRACE_MS = 20_000;

export async function startCluster(options: ClusterOptions = {}): Promise<RunningCluster> {
  // What to install is said before anything starts, not after PostgreSQL is up.
  nginxBinary();
  if (!options.databaseUrl) postgresBinDir();
  const count = options.replicas ?? 2;
  const temporary = !options.rootDir;
  const root = options.rootDir ? resolve(options.rootDir) : mkdtempSync(join(tmpdir(), 'gangway-cluster-'));
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    if (lines.length > MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
    options.onLog?.(line);
  };
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((error: unknown) => log(`[cluster] stop: ${(error as Error).message}`));
    if (temporary) rmSync(root, { recursive: true, force: true });
  };

  try {
    const mocks = options.mocks ?? (await startMockUpstreams(options.mockOptions ?? {}));
    if (!options.mocks) cleanups.push(() => mocks.close());
    const store: ClusterStore = await clusterStore({ root, databaseUrl: options.databaseUrl, postgresDataDir: options.postgresDataDir });
    cleanups.push(() => store.stop());
    const files = writeClusterFiles(root, mockCatalog(mocks.vendors));
    const port = options.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));

    const replicas = ports.map((replicaPort, index) =>
      replicaProcess({
        index,
        port: replicaPort,
        log,
        env: {
          ...process.env,
          GANGWAY_HOST: '127.0.0.1',
          GANGWAY_PORT: String(replicaPort),
          GANGWAY_PUBLIC_URL: url,
          GANGWAY_TRUST_PROXY: 'true',
          GANGWAY_VAULT_KEY_FILE: files.vaultKeyFile,
          GANGWAY_CONNECTORS_FILE: files.connectorsFile,
          ...store.replicaEnv(index),
          // As `npm run start:gateway`: scrypt's buffers go back to the system (README "Memory").
          MALLOC_MMAP_THRESHOLD_: '131072',
          ...options.gatewayEnv,
        },
      }),
    );
    cleanups.push(async () => {
      await Promise.all(
        replicas.map(async (replica) => {
          const timer = setTimeout(() => replica.kill('SIGKILL'), STOP_GRACE_MS);
          await replica.stop();
          clearTimeout(timer);
        }),
      );
    });
    const balancer = await startNginx({ prefix: join(root, 'nginx'), port, adminPort: await freePort(), upstreamPorts: ports });
    cleanups.push(() => balancer.stop());
    // All at once: the store's migrations and first-writer-wins keys are safe for replicas starting together.
    await Promise.all(replicas.map((replica) => replica.start()));

    return {
      url,
      mcpUrl: `${url}/mcp`,
      databaseUrl: store.url,
      mocks,
      replicas,
      balancer,
      async rollingRestart() {
        for (const [index, replica] of replicas.entries()) {
          await balancer.setDown([ports[index]!]);
          await replica.stop();
          await replica.start();
          await balancer.setDown([]);
          // The next one may stop only when this one is back in rotation, or none would be left.
          await balancer.routesTo(replica.listenUrl);
        }
      },
      logs: () => lines.join('\n'),
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    const tail = lines.slice(-40).join('\n');
    throw new Error(`the cluster did not start: ${(error as Error).message}${tail ? `\n${tail}` : ''}`, { cause: error });
  }
}
