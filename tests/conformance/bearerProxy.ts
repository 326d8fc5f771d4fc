/**
 * A loopback reverse proxy in front of the gateway that gives MCP requests a bearer token. The
 * conformance suite's server mode cannot do OAuth (it sends no Authorization header), so requests
 * to /mcp that carry none get the token of a user who went through the gateway's real sign-in and
 * tool authorization. Everything else — Host, Origin, cookies, SSE streams, redirects — passes
 * through untouched: the gateway runs with this proxy's origin as its public URL, as it would behind
 * a TLS-terminating proxy, so the Origin checks see exactly what the suite sent.
 *
 * Test infrastructure only: the gateway knows nothing about it.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BearerProxy {
  /** `http://127.0.0.1:<port>`: give this to the gateway as its public URL. */
  readonly origin: string;
  /** Where to forward to (the gateway's listen URL), once it is running. */
  setTarget(listenUrl: string): void;
  setToken(accessToken: string): void;
  close(): Promise<void>;
}

export async function startBearerProxy(mcpPath = '/mcp'): Promise<BearerProxy> {
  let target: URL | undefined;
  let token: string | undefined;

  const server: Server = createServer((req, res) => {
    if (!target) return void res.writeHead(503).end('the gateway is not running yet');
    const headers = { ...req.headers };
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    if (path === mcpPath && !headers.authorization && token) headers.authorization = `Bearer ${token}`;
    const forwarded = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    // A client that hangs up (the end of an SSE stream) ends the forwarded request too.
    res.on('close', () => forwarded.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setTarget: (listenUrl) => void (target = new URL(listenUrl)),
    setToken: (accessToken) => void (token = accessToken),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
