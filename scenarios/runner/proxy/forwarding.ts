/**
 * The plain HTTP mechanics of the harness proxy, apart from what it observes or alters: which
 * headers a hop may not pass on, reading a request body with a cap, where to listen so the target's
 * cookies are shared, and why a forward got no answer, said as a person would.
 */
import type { IncomingMessage, Server } from 'node:http';

const MAX_BODY = 8 * 1024 * 1024;

export const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'content-length', 'host']);

/** Content the proxy reads as text (and may rewrite); anything else passes as bytes. */
export const TEXTUAL = /json|html|x-www-form-urlencoded|text\/plain|javascript/;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large for the proxy');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The request's headers that travel on to the target, one string each. */
export function forwardableHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Where the proxy listens: on the target's own loopback host when it has one, so the browser's
 * host-scoped cookies are shared between the proxy and the gateway (a vendor's OAuth callback
 * reaches the gateway directly and must find the sign-in session).
 */
export function proxyHost(target: string | undefined): { listen: string; name: string } {
  const hostname = target ? new URL(target).hostname : '';
  if (hostname === 'localhost') return { listen: '127.0.0.1', name: 'localhost' };
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)) return { listen: hostname, name: hostname };
  return { listen: '127.0.0.1', name: '127.0.0.1' };
}

/** Why a forward got no answer, as a person would say it (the cause's code, not a stack). */
export function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ECONNRESET' || cause?.code === 'UND_ERR_SOCKET') return 'connection closed without an answer';
  if ((error as Error).name === 'TimeoutError' || cause?.code === 'UND_ERR_HEADERS_TIMEOUT') return 'no answer in time';
  return cause?.message ?? (error as Error).message;
}

export const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
