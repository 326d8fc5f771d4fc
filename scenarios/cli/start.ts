/**
 * `npm start`, the main job: the three mock AI clients, the three mock tools and the reference
 * gateway on the embedded store (fixed ports, data kept in GANGWAY_DATA_DIR), then the demo
 * scenario — the ChatGPT look-alike connects GitHub by API key through the gateway and calls a tool,
 * in headless Chromium — and then it keeps serving, printing how to do the same by hand.
 *
 *   npm start                 serve, run the demo, keep serving until Ctrl+C
 *   npm start -- --once       serve, run the demo, stop; exit 0 when it went as expected
 *   npm start -- --no-demo    serve only
 *   npm start -- --report DIR where the demo's report goes (default ./gangway-report)
 *   npm start -- --log-file F where the gateway's JSON log lines go (default .gangway/logs/gateway.log)
 *
 * Gateway options as in the README (GANGWAY_*), mock tool options as in mock-upstreams/cli.ts
 * (MOCK_UPSTREAMS_*). A bad option, or no Chromium for the demo (installed first when running as
 * root), stops start-up before anything starts, with a one-line message and exit status 2.
 */
import { loadConfig, type GatewayConfig } from '../../gateway/index.ts';
import { parseCliOptions } from '../../mock-upstreams/cli.ts';
import { startStack, type RunningStack } from '../../stack/startStack.ts';
import { findScenarios } from '../catalog/scenarios.ts';
import { ensureChromium, processChromiumSetup } from '../runner/chromiumSetup.ts';
import { startClientLookalikes, type ClientLookalikes } from '../runner/clientLookalikes.ts';
import { runSuite } from '../runner/runSuite.ts';
import { openGatewayLogFile, type GatewayLogFile } from './start/gatewayLogFile.ts';
import { parseStartArgs } from './start/startOptions.ts';
import { welcomeScreen } from './start/welcomeScreen.ts';
import { exitOnOutcome } from './start/exitOnOutcome.ts';

const DEMO_SCENARIO = 'happy-chatgpt-github-api-key';

/** The gateway fetches ChatGPT's Client ID Metadata Documents from https://chatgpt.com: the look-alike. */
function gatewayConfigWiredTo(fromUser: GatewayConfig, clients: ClientLookalikes): GatewayConfig {
  if (fromUser.outbound.extraCaFile) return fromUser; // their own CA file: they wired outbound themselves
  const theirs = Object.entries(fromUser.outbound.connectTo).map(([from, to]) => `${from}=${to}`);
  return loadConfig({ overrides: { outboundConnectTo: [...theirs, ...clients.connectTo], outboundCaFile: clients.caFile } });
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseStartArgs(argv);
  const mockOptions = parseCliOptions([], process.env);
  const fromUser = loadConfig(); // a bad GANGWAY_* setting stops us before any port is taken
  // The demo needs Chromium: installed now (as root) or a one-line instruction, before anything starts.
  if (options.demo) ensureChromium(processChromiumSetup('npm start'));
  const log: GatewayLogFile = openGatewayLogFile(options.logFile, fromUser.log.level);
  let clients: ClientLookalikes | undefined;
  let stack: RunningStack | undefined;
  const stop = async () => {
    await stack?.close();
    await clients?.close();
    await log.close();
  };
  try {
    clients = await startClientLookalikes();
    const config = gatewayConfigWiredTo(fromUser, clients);
    stack = await startStack({ gateway: config, mocks: mockOptions, logger: log.logger });
    process.stdout.write(`${welcomeScreen(stack, clients, { dataDir: config.dataDir, logFile: log.path })}\n`);
    let ok = true;
    if (options.demo) {
      process.stdout.write(`Demo: the ChatGPT look-alike connects GitHub by API key through the gateway (headless Chromium)…\n`);
      const result = await runSuite({
        scenarios: findScenarios([DEMO_SCENARIO]),
        target: stack.gateway.mcpUrl,
        clients,
        reportDir: options.reportDir,
        onProgress: (line) => process.stdout.write(`  ${line}\n`),
      });
      ok = result.ok;
      // On failure the gateway's side of the story is in its log, which is not on this screen.
      process.stdout.write(`Demo ${ok ? 'passed' : `FAILED (the gateway's log: ${log.path})`}; report: ${result.reports.html}\n\n`);
    }
    if (options.once) {
      await stop();
      return ok ? 0 : 1;
    }
    process.stdout.write('Press Ctrl+C to stop.\n');
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await stop();
    return 0;
  } catch (error) {
    await stop();
    throw error;
  }
}

exitOnOutcome(main(process.argv.slice(2)), 'failed to start');
