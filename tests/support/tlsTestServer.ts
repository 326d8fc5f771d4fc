/**
 * A throw-away https server on loopback with a freshly generated self-signed certificate (for
 * 127.0.0.1 and localhost, plus any extra host names). Tests point the gateway's outbound CA
 * setting at `caFile`, so https to it verifies like a real site does.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TlsTestServer {
  readonly origin: string;
  readonly port: number;
  readonly caFile: string;
  readonly cert: string;
  readonly key: string;
  route(path: string, handler: Handler): void;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startTlsTestServer(extraHostNames: readonly string[] = []): Promise<TlsTestServer> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }, ...extraHostNames.map((value) => ({ type: 2 as const, value }))] },
    ],
  });
  const caFile = join(mkdtempSync(join(tmpdir(), 'gangway-tls-')), 'ca.pem');
  writeFileSync(caFile, pems.cert);
  const routes = new Map<string, Handler>();
  const requests: string[] = [];
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    requests.push(path);
    const handler = routes.get(path);
    if (handler) return handler(req, res);
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    caFile,
    cert: pems.cert,
    key: pems.private,
    route: (path, handler) => routes.set(path, handler),
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export const json = (body: unknown, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};
