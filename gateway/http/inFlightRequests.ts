/**
 * The requests a server is answering right now, for a graceful drain (server.ts): how many are still
 * running, and a switch that makes every response from then on — including those already running
 * whose headers are not out yet — carry `Connection: close`, so a client or proxy does not send its
 * next request down a connection that is about to go away.
 *
 * A connection that was accepted but has not delivered its request yet counts as running: behind
 * nginx that is a request already sent, and cutting it would lose a call nginx may not retry (POST).
 * A standalone MCP GET stream (text/event-stream) is counted apart: it never finishes on its own, so
 * the drain waits for answers, then ends the streams (the client reconnects, with Last-Event-ID,
 * through the balancer to another replica).
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface InFlightRequests {
  /** From now on every response says `Connection: close`. */
  closeConnections(): void;
  /** Requests being answered or still arriving, long-lived GET event streams excluded. */
  answering(): number;
  /** Resolves once answering() is 0, or after `timeoutMs`; true when nothing was left running. */
  settled(timeoutMs: number): Promise<boolean>;
  /**
   * Closes keep-alive connections that served a request and wait for the next. Unlike Node's
   * closeIdleConnections() (also run by http.Server's close()), it leaves alone a connection that has
   * not yet delivered its first request.
   */
  closeIdleKeepAlive(): void;
}

// Judged by the request: the SDK writes the stream's headers with writeHead, which getHeader does not see.
const isEventStream = (req: IncomingMessage) => req.method === 'GET' && (req.headers.accept ?? '').includes('text/event-stream');

/** Serves `app` on `server`, counting what it answers. */
export function trackInFlight(server: Server, app: RequestListener): InFlightRequests {
  const running = new Map<ServerResponse, IncomingMessage>();
  const arriving = new Set<Socket>();
  const served = new Set<Socket>();
  let closing = false;
  let changed: (() => void) | undefined;

  const answering = () => arriving.size + [...running.values()].filter((req) => !isEventStream(req)).length;

  server.on('connection', (socket: Socket) => {
    arriving.add(socket);
    socket.once('close', () => {
      arriving.delete(socket);
      served.delete(socket);
      changed?.();
    });
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    arriving.delete(req.socket);
    served.add(req.socket);
    running.set(res, req);
    res.once('close', () => {
      running.delete(res);
      changed?.();
    });
    if (closing) res.setHeader('Connection', 'close');
    return app(req, res);
  });

  return {
    closeConnections() {
      closing = true;
      for (const res of running.keys()) if (!res.headersSent) res.setHeader('Connection', 'close');
    },
    answering,
    closeIdleKeepAlive() {
      const busy = new Set([...running.values()].map((req) => req.socket));
      for (const socket of served) if (!busy.has(socket)) socket.destroy();
    },
    async settled(timeoutMs) {
      if (answering() === 0) return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          changed = undefined;
          resolve(answering() === 0);
        }, timeoutMs);
        changed = () => {
          if (answering() > 0) return;
          clearTimeout(timer);
          changed = undefined;
          resolve(true);
        };
      });
    },
  };
}
