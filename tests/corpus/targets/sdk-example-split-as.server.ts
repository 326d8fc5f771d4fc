/**
 * Target (a): the official TypeScript SDK's own example server, run unchanged with its demo OAuth
 * (`simpleStreamableHttp.js --oauth`). Its demo authorization server listens on a SECOND port, so the
 * AS is on another origin than the MCP server. We only choose the ports (the example reads MCP_PORT and
 * MCP_AUTH_PORT) and bind its listeners to 127.0.0.1 (it would otherwise listen on every interface);
 * the URLs it builds say `localhost`, which is what its PRM `resource` and challenge carry.
 */
import http from 'node:http';
import { freePort } from '../../../stack/freePort.ts';
import { announce, exitOnSignal, keepStdoutForTheAnnouncement, waitUntilAnswering } from './announce.ts';

keepStdoutForTheAnnouncement();
const mcpPort = await freePort();
const authPort = await freePort();
process.env.MCP_PORT = String(mcpPort);
process.env.MCP_AUTH_PORT = String(authPort);
process.argv.push('--oauth');

// express's app.listen(port, callback) → server.listen(port, callback): add the loopback host.
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (this: http.Server, ...args: unknown[]) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  return (listen as (...a: unknown[]) => http.Server).apply(this, args);
} as typeof listen;

await import('@modelcontextprotocol/sdk/examples/server/simpleStreamableHttp.js');
const mcpUrl = `http://localhost:${mcpPort}/mcp`;
const authorizationServer = `http://localhost:${authPort}/`;
await waitUntilAnswering(mcpUrl);
await waitUntilAnswering(`${authorizationServer}.well-known/oauth-authorization-server`);
exitOnSignal();
announce({
  mcpUrl,
  authorizationServer,
  notes: '@modelcontextprotocol/sdk 1.32.2 examples/server/simpleStreamableHttp.js --oauth; demo AS on another port (auto-approves, no sign-in page)',
});
