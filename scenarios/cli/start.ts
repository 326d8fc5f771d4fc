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
 *
 * Gateway options as in the README (GANGWAY_*), mock tool options as in mock-upstreams/cli.ts
 * (MOCK_UPSTREAMS_*). A bad option stops start-up with a one-line message and exit status 2.
 */
import { resolve } from 'node:path';
import { ConfigError, loadConfig, type GatewayConfig } from '../../gateway/config/loadConfig.ts';
import { CliUsageError, parseCliOptions } from '../../mock-upstreams/cli.ts';
import { VENDOR_IDS } from '../../fixtures/vendors/index.ts';
import { startStack, type RunningStack } from '../../stack/startStack.ts';
import { findScenarios } from '../catalog/scenarios.ts';
import { startClientLookalikes, type ClientLookalikes } from '../runner/clientLookalikes.ts';
import { runSuite } from '../runner/runSuite.ts';
import { UsageError } from './usage.ts';

const DEMO_SCENARIO = 'happy-chatgpt-github-api-key';
const FLAGS = new Set(['--once', '--no-demo']);

function parseStartArgs(argv: readonly string[]): { once: boolean; demo: boolean; reportDir: string } {
  let reportDir = 'gangway-report';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--report') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new UsageError('--report needs a directory');
      reportDir = value;
    } else if (!FLAGS.has(arg)) throw new UsageError(`unknown option ${arg} (npm start -- [--once | --no-demo] [--report DIR])`);
  }
  if (argv.includes('--once') && argv.includes('--no-demo')) throw new UsageError('--once runs the demo; it cannot go with --no-demo');
  return { once: argv.includes('--once'), demo: !argv.includes('--no-demo'), reportDir: resolve(reportDir) };
}

/** The gateway fetches ChatGPT's Client ID Metadata Documents from https://chatgpt.com: the look-alike. */
function gatewayConfigWiredTo(fromUser: GatewayConfig, clients: ClientLookalikes): GatewayConfig {
  if (fromUser.outbound.extraCaFile) return fromUser; // their own CA file: they wired outbound themselves
  const theirs = Object.entries(fromUser.outbound.connectTo).map(([from, to]) => `${from}=${to}`);
  return loadConfig({ overrides: { outboundConnectTo: [...theirs, ...clients.connectTo], outboundCaFile: clients.caFile } });
}

function describe(stack: RunningStack, clients: ClientLookalikes, dataDir: string): string {
  const { gateway, mocks } = stack;
  const demo = gateway.app.directory[0];
  const lines = [
    '',
    'Gangway is running: the reference gateway in front of three mock enterprise tools.',
    '',
    `  MCP server URL : ${gateway.mcpUrl}`,
    `  User Portal    : ${gateway.portalUrl}`,
    demo ? `  Demo account   : ${demo.email} / ${demo.password}` : '',
    `  Data directory : ${dataDir}`,
    '',
    '  Enterprise tools (mock upstreams):',
    ...VENDOR_IDS.map((id) => `    ${mocks.vendors[id].displayName.padEnd(9)} ${mocks.vendors[id].baseUrl}  (MCP ${mocks.vendors[id].mcpUrl})`),
    demo ? `    Vendor sign-ins and demo API keys for ${demo.email}: mock-upstreams/README.md` : '',
    '',
    '  AI clients (look-alikes; a browser reaches them under their real origins):',
    `    ChatGPT   ${clients.profiles.chatgpt.startUrl}   Claude ${clients.profiles.claude.startUrl}   MCP Inspector ${clients.profiles.inspector.startUrl}`,
    `  Open ${clients.profiles.chatgpt.startUrl} (the ChatGPT look-alike) and follow the steps — in a Chromium that`,
    '  sends the real host names to the look-alikes:',
    `    chromium --user-data-dir="$(mktemp -d)" --ignore-certificate-errors --host-resolver-rules="${clients.hostResolverRules}" ${clients.profiles.chatgpt.startUrl}`,
    '  Profile menu → Settings → Apps → Advanced settings → Developer mode → Create app with the MCP server URL.',
    '  Any other MCP client can use the MCP server URL too.',
    '',
  ];
  return lines.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseStartArgs(argv);
  const mockOptions = parseCliOptions([], process.env);
  const fromUser = loadConfig(); // a bad GANGWAY_* setting stops us before any port is taken
  const clients = await startClientLookalikes();
  let stack: RunningStack | undefined;
  const stop = async () => {
    await stack?.close();
    await clients.close();
  };
  try {
    const config = gatewayConfigWiredTo(fromUser, clients);
    stack = await startStack({ gateway: config, mocks: mockOptions });
    process.stdout.write(`${describe(stack, clients, config.dataDir)}\n`);
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
      process.stdout.write(`Demo ${ok ? 'passed' : 'FAILED'}; report: ${result.reports.html}\n\n`);
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof CliUsageError || error instanceof UsageError) {
      process.stderr.write(`gangway: ${error.message}\n`);
      process.exit(2);
    }
    if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
      process.stderr.write(`gangway: a port is already in use (${(error as Error).message.replace(/^.*EADDRINUSE:?\s*/, '')}); set GANGWAY_PORT or MOCK_UPSTREAMS_*_PORT\n`);
      process.exit(2);
    }
    process.stderr.write(`gangway: failed to start: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
