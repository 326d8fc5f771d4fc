/**
 * Puts a look-alike's Koa app on a loopback port — https with the mock certificate where the real
 * client is https (chatgpt.com, claude.ai), plain http where it is not (the Inspector's localhost).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { listen as listenOn } from '../../../web/listen.ts';
import type Koa from 'koa';
import type { TlsMaterial } from '../tls/certificate.ts';

export interface Listening {
  readonly port: number;
  /** e.g. https://127.0.0.1:43117 */
  readonly listenUrl: string;
  close(): Promise<void>;
}

export async function listen(app: Koa, host: string, port: number, tls: TlsMaterial | undefined): Promise<Listening> {
  const handler = app.callback();
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
  const bound = await listenOn(server, port, host);
  return {
    port: bound.port,
    listenUrl: `${tls ? 'https' : 'http'}://${host}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
