/**
 * The requests a server is answering right now, for a graceful drain (server.ts): how many are still
 * running, and a switch that makes every response from then on — including those already running
 * whose headers are not out yet — carry `Connection: close`, so a client or proxy does not send its
 * next request down a connection that is about to go away.
 *
 * A standalone MCP GET stream (text/event-stream) is counted apart: it never finishes on its own, so
 * the drain waits for answers, then ends the streams (the client reconnects, with Last-Event-ID,
 * through the balancer to another replica).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export interface InFlightRequests {
  /** Wraps the app's request listener. */
  readonly listener: RequestListener;
  /** From now on every response says `Connection: close`. */
  closeConnections(): void;
  /** Requests still being answered, long-lived GET event streams excluded. */
  answering(): number;
  /** Resolves once answering() is 0, or after `timeoutMs`; true when nothing was left running. */
  settled(timeoutMs: number): Promise<boolean>;
}

// Judged by the request: the SDK writes the stream's headers with writeHead, which getHeader does not see.
const isEventStream = (req: IncomingMessage) => req.method === 'GET' && (req.headers.accept ?? '').includes('text/event-stream');

export function trackInFlight(app: RequestListener): InFlightRequests {
  const running = new Map<ServerResponse, IncomingMessage>();
  let closing = false;
  let changed: (() => void) | undefined;

  const answering = () => [...running].filter(([, req]) => !isEventStream(req)).length;

  return {
    listener(req, res) {
      running.set(res, req);
      res.once('close', () => {
        running.delete(res);
        changed?.();
      });
      if (closing) res.setHeader('Connection', 'close');
      return app(req, res);
    },
    closeConnections() {
      closing = true;
      for (const res of running.keys()) if (!res.headersSent) res.setHeader('Connection', 'close');
    },
    answering,
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
