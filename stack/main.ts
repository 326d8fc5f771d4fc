/**
 * `npm start`: the mock upstreams (Atlassian, GitHub, Slack on 4101–4103) and the reference gateway
 * in front of them (4000), on the embedded store. Prints where everything is and how to sign in.
 * Mock options as in `mock-upstreams/cli.ts` (MOCK_UPSTREAMS_*), gateway options as in the README
 * (GANGWAY_*). A bad option stops start-up with a one-line message and exit status 2.
 */
import { ConfigError, loadConfig } from '../gateway/config/loadConfig.ts';
import { CliUsageError, parseCliOptions } from '../mock-upstreams/cli.ts';
import { VENDOR_IDS } from '../fixtures/vendors/index.ts';
import { startStack } from './startStack.ts';

async function main(): Promise<void> {
  const gatewayConfig = loadConfig();
  const mockOptions = parseCliOptions([], process.env);
  const stack = await startStack({ gateway: gatewayConfig, mocks: mockOptions });
  const { gateway, mocks } = stack;
  const demo = gateway.app.directory[0];
  const lines = [
    '',
    'Gangway is running: the reference gateway in front of three mock enterprise tools.',
    '',
    `  MCP server URL : ${gateway.mcpUrl}`,
    `  User Portal    : ${gateway.portalUrl}`,
    demo ? `  Demo account   : ${demo.email} / ${demo.password}` : '',
    `  Data directory : ${gatewayConfig.dataDir}`,
    '',
    '  Enterprise tools (mock upstreams):',
    ...VENDOR_IDS.map((id) => `    ${mocks.vendors[id].displayName.padEnd(9)} ${mocks.vendors[id].baseUrl}  (MCP ${mocks.vendors[id].mcpUrl})`),
    demo
      ? `    Vendor sign-ins and demo API keys for ${demo.email}: mock-upstreams/README.md`
      : '',
    '',
    'Add the MCP server URL to an MCP client (ChatGPT, Claude, the MCP Inspector); press Ctrl+C to stop.',
    '',
  ];
  process.stdout.write(`${lines.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n')}\n`);
  const stop = async () => {
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CliUsageError) {
    process.stderr.write(`gangway: ${error.message}\n`);
    process.exit(2);
  }
  if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    process.stderr.write(`gangway: a port is already in use (${(error as Error).message.replace(/^.*EADDRINUSE:?\s*/, '')}); set GANGWAY_PORT or MOCK_UPSTREAMS_*_PORT\n`);
    process.exit(2);
  }
  process.stderr.write(`gangway: failed to start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
