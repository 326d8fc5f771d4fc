/**
 * `npm run start:gateway`: the gateway alone, as its own process, with the demo directory and — unless
 * GANGWAY_CONNECTORS_FILE says otherwise — the mock upstreams' catalogue at their default ports
 * (demoGateway.ts). The URLs and a demo account are printed so a person can follow the README at
 * once; the bench waits for the "MCP server URL :" line. A bad configuration ends the process with
 * the message that names the setting (exit 2), never a stack trace. SIGTERM or SIGINT drains
 * gracefully (server.ts: not ready, answers finish, streams end, store closed) and exits 0; a second
 * signal during the drain stops at once (exit 1). The cluster (stack/cluster/) runs its replicas so.
 */
import { ConfigError, loadConfig } from '../gateway/index.ts';
import { startDemoGateway } from './demoGateway.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const gateway = await startDemoGateway(config);
  const demo = gateway.app.directory[0];
  const lines = [
    '',
    'Gangway AI gateway is running.',
    `  MCP server URL : ${gateway.mcpUrl}`,
    `  User Portal    : ${gateway.portalUrl}`,
    demo ? `  Demo account   : ${demo.email} / ${demo.password}` : '',
    `  Data directory : ${config.dataDir}`,
    '',
    'Add the MCP server URL to an MCP client (ChatGPT, Claude, the MCP Inspector); press Ctrl+C to stop.',
    '',
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1); // asked twice: the person (or supervisor) does not want to wait
    stopping = true;
    await gateway.drain(); // requests it had to cut are in its last log line
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`gangway: ${error.message}\n`);
    process.exit(2);
  }
  if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    process.stderr.write(`gangway: the port is already in use; set GANGWAY_PORT to another port\n`);
    process.exit(2);
  }
  process.stderr.write(`gangway: failed to start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
