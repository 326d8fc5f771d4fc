/**
 * `npm run bench`, the cluster's part (issue 14): what a second replica and the PostgreSQL store
 * cost or buy on this machine. A benchmark, never a test — the machine is shared and noisy; read
 * the ratios, measured in one run.
 *
 *   1. Throughput of a trivial tools/call (the gateway's own `whoami`) at 32 concurrent through nginx:
 *      a cluster of 2 replicas ÷ a cluster of 1 replica (stack/cluster/startCluster.ts; both on the
 *      same PostgreSQL server, each in a fresh database; the same number of calls). Each replica is
 *      its own process; the load generator is this one. Two replicas can only double the rate when
 *      the gateway is CPU-bound and the machine has cores to spare — the core count is printed.
 *   2. p50 / p99 of a tools/call on one gateway process on the PostgreSQL store ÷ the same on the
 *      embedded SQLite store, direct (no nginx), in alternating blocks: `whoami` (the gateway alone)
 *      and `lean__echo` (proxied to the lean upstream, tests/bench/leanUpstream.ts).
 *
 *   npx tsx tests/bench/clusterBench.ts
 *   BENCH_CLUSTER_CALLS=1000 BENCH_CLUSTER_SAMPLES=300 …   # smaller
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { directoryUsers } from '../../fixtures/directory.ts';
import { startCluster } from '../../stack/cluster/startCluster.ts';
import { ConsentSession } from '../support/consentDriver.ts';
import { startTestPostgres } from '../support/postgres.ts';
import { startGatewayProcess, startLeanUpstream, type BenchChild } from './benchProcesses.ts';
import { RawMcpClient } from './rawMcpClient.ts';
import { interleavedLatencies, latencies, percentile, throughput } from './sampling.ts';

const CONCURRENCY = 32;
const TPUT_CALLS = Number(process.env.BENCH_CLUSTER_CALLS ?? 3000);
const TPUT_WARMUP = 300;
const SAMPLES = Number(process.env.BENCH_CLUSTER_SAMPLES ?? 1000);
const WARMUP = 200;
const BLOCK = 100;
const SEED = 20261124;

/** What both the cluster's replicas and the single gateways run with besides their store. */
const BENCH_ENV = {
  GANGWAY_LOG_LEVEL: 'info',
  // The default (600 a minute per user) would throttle the bench itself.
  GANGWAY_TOOL_CALLS_PER_MINUTE: '1000000',
  GANGWAY_ACCESS_TOKEN_TTL: '3600',
  GANGWAY_DIRECTORY_SEED: String(SEED),
};

/** A token for the directory's first person, granting `tick` and nothing else, through the consent page. */
async function tokenFor(issuer: string, tick: readonly string[], untick: readonly string[]): Promise<string> {
  const session = await ConsentSession.open(issuer, `${issuer}/mcp`, directoryUsers(SEED)[0]!, { clientName: 'Cluster bench' });
  const result = await session.authorize({ tick: [...tick], untick: [...untick] });
  if (!result.tokens?.access_token) throw new Error(`no token from ${issuer}: ${JSON.stringify(result)}`);
  return String(result.tokens.access_token);
}

/** Calls per second of `whoami` through the balancer of a cluster of `replicas` on a fresh database. */
async function clusterThroughput(replicas: number, newDatabase: () => Promise<string>): Promise<{ rate: number; perReplica: number[] }> {
  const databaseUrl = await newDatabase();
  const cluster = await startCluster({ replicas, databaseUrl, mockOptions: { seed: SEED }, gatewayEnv: { ...BENCH_ENV, GANGWAY_DATABASE_URL: databaseUrl } });
  try {
    const token = await tokenFor(cluster.url, [], ['atlassian', 'github', 'slack']);
    const client = await RawMcpClient.connect(cluster.mcpUrl, token);
    await throughput(() => client.callTool('whoami'), TPUT_WARMUP, CONCURRENCY);
    const from = cluster.balancer.accessLog().length;
    const rate = await throughput(() => client.callTool('whoami'), TPUT_CALLS, CONCURRENCY);
    const ports = cluster.replicas.map((replica) => `:${new URL(replica.listenUrl).port}`);
    const perReplica = ports.map((port) => cluster.balancer.accessLog().slice(from).filter((line) => line.includes(`${port} upstream_status`)).length);
    await client.close();
    return { rate, perReplica };
  } finally {
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  const started = performance.now();
  const postgres = await startTestPostgres();
  const work = mkdtempSync(join(tmpdir(), 'gangway-cluster-bench-'));
  const children: BenchChild[] = [];
  try {
    // 1. Two replicas ÷ one, through nginx.
    process.stdout.write(`cluster bench: ${cores} CPU cores; ${TPUT_CALLS} calls of whoami at ${CONCURRENCY} concurrent through nginx, 1 replica then 2…\n`);
    const one = await clusterThroughput(1, postgres.newDatabase);
    const two = await clusterThroughput(2, postgres.newDatabase);
    process.stdout.write('throughput measured; PostgreSQL vs SQLite next…\n');

    // 2. One gateway on each store, direct, the same lean upstream behind both.
    const upstream = await startLeanUpstream();
    children.push(upstream);
    const catalogFile = join(work, 'connectors.json');
    writeFileSync(catalogFile, JSON.stringify({ connectors: [{ id: 'lean', displayName: 'Bench lean', mcpUrl: `${upstream.url}/mcp`, toolPrefix: 'lean', auth: { none: {} } }] }));
    const common = { ...BENCH_ENV, GANGWAY_PORT: '0', GANGWAY_CONNECTORS_FILE: catalogFile, GANGWAY_VAULT_KEY_FILE: join(work, 'vault.key') };
    const onSqlite = await startGatewayProcess({ ...common, GANGWAY_DATA_DIR: join(work, 'sqlite') });
    children.push(onSqlite);
    const onPostgres = await startGatewayProcess({ ...common, GANGWAY_DATA_DIR: join(work, 'pg-side'), GANGWAY_DATABASE_URL: await postgres.newDatabase() });
    children.push(onPostgres);
    const sqliteClient = await RawMcpClient.connect(`${onSqlite.url}/mcp`, await tokenFor(onSqlite.url, ['lean'], []));
    const postgresClient = await RawMcpClient.connect(`${onPostgres.url}/mcp`, await tokenFor(onPostgres.url, ['lean'], []));
    const rows: string[][] = [];
    for (const tool of ['whoami', 'lean__echo']) {
      await latencies(() => sqliteClient.callTool(tool), WARMUP);
      await latencies(() => postgresClient.callTool(tool), WARMUP);
      const [sqlite, pg] = await interleavedLatencies([{ call: () => sqliteClient.callTool(tool) }, { call: () => postgresClient.callTool(tool) }], SAMPLES, BLOCK);
      for (const p of [50, 99]) {
        const a = percentile(sqlite!, p);
        const b = percentile(pg!, p);
        rows.push([`${tool} p${p}`, `${a.toFixed(2)} ms`, `${b.toFixed(2)} ms`, `${(b / a).toFixed(2)}×`]);
      }
    }
    await sqliteClient.close();
    await postgresClient.close();

    const head = ['measure', 'SQLite', 'PostgreSQL', 'ratio'];
    const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
    process.stdout.write(
      `\nGangway cluster — ${cores} CPU cores shared by the load generator, nginx, PostgreSQL and the gateways; one run\n\n` +
        `  throughput, whoami at ${CONCURRENCY} concurrent through nginx (${TPUT_CALLS} calls each, PostgreSQL store)\n` +
        `    1 replica    ${one.rate.toFixed(0)} calls/s\n` +
        `    2 replicas   ${two.rate.toFixed(0)} calls/s (answered per replica: ${two.perReplica.join(' / ')})\n` +
        `    2 ÷ 1        ${(two.rate / one.rate).toFixed(2)}×  (≈ 2 only if the gateway is CPU-bound with a core free for each replica; here ${cores} cores)\n\n` +
        `  one gateway process, direct, ${SAMPLES} samples per side in alternating blocks of ${BLOCK} (${WARMUP} warm-up)\n\n` +
        `  ${line(head)}\n${rows.map((r) => `  ${line(r)}`).join('\n')}\n` +
        `\n  (ratio = PostgreSQL ÷ SQLite; PostgreSQL is a local server over loopback TCP, SQLite a file in the process)\n` +
        `  cluster bench took ${((performance.now() - started) / 1000).toFixed(0)} s\n\n`,
    );
  } finally {
    for (const child of children.reverse()) await child.stop().catch(() => {});
    await postgres.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
