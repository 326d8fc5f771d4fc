/**
 * `npm run start:cluster` (issue 14): what `npm start` does, on several replicas — PostgreSQL from
 * Debian's package (data kept in .gangway/pg), two gateway replicas, nginx round-robin in front
 * (stack/cluster/), the mock tools and AI clients — then the same demo scenario against the
 * balancer's URL, and it keeps serving until Ctrl+C, which stops everything.
 *
 *   npm run start:cluster                  serve, run the demo, keep serving
 *   npm run start:cluster -- --once        serve, run the demo, stop; exit 0 when it went as expected
 *   npm run start:cluster -- --no-demo     serve only
 *   … -- --report DIR / --log-file FILE    as npm start (the replicas' JSON log lines go to the file)
 *
 * GANGWAY_PORT is the balancer's port (default 4000); the other GANGWAY_* settings reach every
 * replica. Missing PostgreSQL or nginx stops it with the apt-get line to run (exit 2).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../gateway/index.ts';
import { parseCliOptions } from '../../mock-upstreams/cli.ts';
import { startCluster, type RunningCluster } from '../../stack/cluster/startCluster.ts';
import { findScenarios } from '../catalog/scenarios.ts';
import { ensureChromium, processChromiumSetup } from '../runner/chromiumSetup.ts';
import { startClientLookalikes, type ClientLookalikes } from '../runner/clientLookalikes.ts';
import { runSuite } from '../runner/runSuite.ts';
import { parseStartArgs } from './start/startOptions.ts';
import { exitOnOutcome } from './start/exitOnOutcome.ts';

const DEMO_SCENARIO = 'happy-chatgpt-github-api-key';
const CLUSTER_DIR = '.gangway/cluster';
const POSTGRES_DIR = '.gangway/pg';
const DEFAULT_LOG_FILE = '.gangway/logs/cluster.log';

function firstScreen(cluster: RunningCluster, logFile: string): string {
  const database = new URL(cluster.databaseUrl);
  const lines = [
    '',
    'Gangway cluster is running: two gateway replicas behind nginx, on PostgreSQL.',
    '',
    `  MCP server URL : ${cluster.mcpUrl}   (the balancer: round-robin, no sticky sessions)`,
    `  User Portal    : ${cluster.url}/portal`,
    ...cluster.replicas.map((replica) => `  Replica ${replica.index}      : ${replica.listenUrl}   (pid ${replica.pid ?? '-'}; ${replica.listenUrl}/readyz)`),
    `  Database       : PostgreSQL on ${database.host}, data in ${POSTGRES_DIR}`,
    `  Logs           : ${logFile} (replicas, JSON lines); nginx in ${CLUSTER_DIR}/nginx/logs/`,
    '  Mock tools     : ' + Object.values(cluster.mocks.vendors).map((vendor) => `${vendor.displayName} ${vendor.baseUrl}`).join('  '),
    '',
    'Press Ctrl+C to stop everything (each replica drains first). The README section "Run several replicas" shows a rolling restart.',
    '',
  ];
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseStartArgs(argv);
  const logFile = argv.includes('--log-file') ? options.logFile : resolve(DEFAULT_LOG_FILE);
  const mockOptions = parseCliOptions([], process.env);
  const config = loadConfig(); // a bad GANGWAY_* setting stops us before anything starts
  if (options.demo) ensureChromium(processChromiumSetup('npm run start:cluster'));
  mkdirSync(dirname(logFile), { recursive: true });
  let clients: ClientLookalikes | undefined;
  let cluster: RunningCluster | undefined;
  const stop = async () => {
    await cluster?.stop();
    await clients?.close();
  };
  try {
    clients = await startClientLookalikes();
    cluster = await startCluster({
      rootDir: CLUSTER_DIR,
      postgresDataDir: resolve(POSTGRES_DIR),
      port: config.port === 0 ? undefined : config.port,
      mockOptions,
      // The gateway fetches ChatGPT's Client ID Metadata Documents from https://chatgpt.com: the look-alike.
      gatewayEnv: { GANGWAY_OUTBOUND_CONNECT_TO: [...clients.connectTo].join(','), GANGWAY_OUTBOUND_CA_FILE: clients.caFile },
      onLog: (line) => appendFileSync(logFile, `${line}\n`),
    });
    process.stdout.write(`${firstScreen(cluster, logFile)}\n`);
    let ok = true;
    if (options.demo) {
      process.stdout.write('Demo: the ChatGPT look-alike connects GitHub by API key through the balancer (headless Chromium)…\n');
      const result = await runSuite({
        scenarios: findScenarios([DEMO_SCENARIO]),
        target: cluster.mcpUrl,
        clients,
        reportDir: options.reportDir,
        onProgress: (line) => process.stdout.write(`  ${line}\n`),
      });
      ok = result.ok;
      process.stdout.write(`Demo ${ok ? 'passed' : `FAILED (the replicas' log: ${logFile})`}; report: ${result.reports.html}\n\n`);
    }
    if (options.once) {
      await stop();
      return ok ? 0 : 1;
    }
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    process.stdout.write('Stopping: nginx, the replicas (draining), PostgreSQL, the mocks…\n');
    await stop();
    return 0;
  } catch (error) {
    await stop();
    throw error;
  }
}

exitOnOutcome(main(process.argv.slice(2)), 'the cluster failed to start');
