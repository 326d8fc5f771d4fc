/**
 * The floor of any HTTP proxy on this machine, run as its own process beside the gateway in the
 * fair bench (`node --import tsx tests/bench/bareProxy.ts`, BARE_PROXY_TARGET=<upstream origin>):
 * node:http in, one undici Pool out, bodies and headers passed through untouched — no token, no
 * session, no parsing, no audit. Whatever this costs over a direct call, a gateway cannot avoid
 * (a second HTTP hop, two more parses, the scheduling of a third process on two cores); the
 * gateway's ratios are read against it.
 *
 * Prints `BARE PROXY URL: <origin>` once listening; the parent reads it.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const target = process.env.BARE_PROXY_TARGET;
if (!target) throw new Error('BARE_PROXY_TARGET is required (the upstream origin)');
const pool = new Pool(target, { connections: 64 });
/** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones undici sets itself. */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length', 'upgrade', 'proxy-connection']);

const forwardable = (headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>) => {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP.has(name)) out[name] = value;
  return out;
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    pool
      .request({ path: req.url ?? '/', method: req.method as 'POST', headers: forwardable(req.headers), body: chunks.length ? Buffer.concat(chunks) : null })
      .then(async (answer) => {
        res.writeHead(answer.statusCode, forwardable(answer.headers));
        for await (const chunk of answer.body) res.write(chunk);
        res.end();
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`BARE PROXY URL: http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
