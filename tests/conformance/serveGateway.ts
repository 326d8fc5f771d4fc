/**
 * For running the server scenarios by hand: starts the gateway set up as in conformance.test.ts
 * (gatewayUnderTest.ts), prints the URLs to give `conformance server --url`, and runs until Ctrl+C.
 *   npx tsx tests/conformance/serveGateway.ts
 */
import { startGatewayUnderTest } from './gatewayUnderTest.ts';

const gateway = await startGatewayUnderTest();
process.stdout.write(
  `Gateway ready for the conformance suite (requests to /mcp and /mcp/conformance get a signed-in user's token for that endpoint).\n` +
    `  npx conformance server --url ${gateway.mcpUrl} --expected-failures tests/conformance/server-baseline.yml\n` +
    `  npx conformance server --url ${gateway.connectorUrl} --expected-failures tests/conformance/server-connector-baseline.yml\n`,
);
const stop = () => void gateway.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
