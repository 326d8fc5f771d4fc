/**
 * The observing (and, with a defect, mutating) proxy every scenario talks through. It sits in front
 * of a gateway's origin and is what the client is given as the MCP server: requests are forwarded
 * with the proxy's origin rewritten to the gateway's (query strings, form and JSON bodies), answers
 * with the gateway's origin rewritten to the proxy's (headers, JSON, HTML) — so a gateway whose
 * authorization server lives on its own origin is observed whole, ours or anyone's. Every exchange
 * is recorded (no secret values: credentials become a kind and a keyed fingerprint); the protocol
 * checks are computed from this record. A defect (defects/catalog.ts) may alter a request or an
 * answer — the gateway itself never carries test-only code paths.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listen } from '../../web/listen.ts';
import type { Defect } from './defect.ts';
import type { Exchange, ExchangeRequest, ExchangeResponse } from './exchange.ts';

const MAX_BODY = 8 * 1024 * 1024;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'content-length', 'host']);
const TEXTUAL = /json|html|x-www-form-urlencoded|text\/plain|javascript/;

export interface ObservingProxy {
  readonly url: string;
  /** Points the proxy at the gateway (when the gateway could only start after the proxy). */
  setTarget(target: string): void;
  readonly exchanges: readonly Exchange[];
  /** Secret-free fingerprint of a value, comparable with the recorded ones. */
  fingerprint(value: string): string;
  setDefect(defect: Defect | undefined): void;
  clear(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large for the proxy');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function swapOrigin(text: string, from: string, to: string): string {
  return text.split(from).join(to).split(encodeURIComponent(from)).join(encodeURIComponent(to));
}

/**
 * A redirect to a third party keeps its embedded URLs (a vendor's authorize URL carries the gateway's
 * own callback, which the vendor checks), except the RFC 9207 `iss` of an authorization response:
 * the client compares it with the issuer it was shown, which is the proxy's.
 */
function rewriteLocation(location: string, from: string, to: string): string {
  if (location.startsWith(from)) return to + location.slice(from.length);
  if (!URL.canParse(location)) return location;
  const url = new URL(location);
  const iss = url.searchParams.get('iss');
  if (iss === null || !iss.startsWith(from)) return location;
  url.searchParams.set('iss', to + iss.slice(from.length));
  return url.toString();
}

/**
 * Where the proxy listens: on the target's own loopback host when it has one, so the browser's
 * host-scoped cookies are shared between the proxy and the gateway (a vendor's OAuth callback
 * reaches the gateway directly and must find the sign-in session).
 */
function proxyHost(target: string | undefined): { listen: string; name: string } {
  const hostname = target ? new URL(target).hostname : '';
  if (hostname === 'localhost') return { listen: '127.0.0.1', name: 'localhost' };
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)) return { listen: hostname, name: hostname };
  return { listen: '127.0.0.1', name: '127.0.0.1' };
}

export interface ProxyOptions {
  readonly defect?: Defect;
  /**
   * Swap the gateway's origin and the proxy's in what passes (default). Off when the gateway was
   * started with the proxy as its public URL: it already speaks in the proxy's origin.
   */
  readonly rewrite?: boolean;
}

export async function startObservingProxy(target: string | undefined, options: ProxyOptions = {}): Promise<ObservingProxy> {
  let targetOrigin = target ? new URL(target).origin : '';
  const rewrite = options.rewrite ?? true;
  const key = randomBytes(32);
  const fingerprint = (value: string) => createHmac('sha256', key).update(value).digest('base64url').slice(0, 16);
  const exchanges: Exchange[] = [];
  let active = options.defect;
  let seq = 0;
  let proxyOrigin = '';

  const replaceAll = (text: string, from: string, to: string) => (rewrite ? swapOrigin(text, from, to) : text);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!targetOrigin) throw new Error('the proxy has no gateway to forward to yet');
    const started = performance.now();
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', proxyOrigin);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    // Recorded and shown to defects as the client sent it; forwarded with the gateway's origin.
    const request: ExchangeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: new URLSearchParams(url.search),
      headers,
      body: body.toString('utf8'),
    };

    const shortCircuit = active?.onRequest?.(request);
    let response: ExchangeResponse;
    if (shortCircuit) {
      response = shortCircuit;
    } else {
      const query = replaceAll(request.query.toString(), proxyOrigin, targetOrigin);
      const forwardedBody = TEXTUAL.test(headers['content-type'] ?? '') ? replaceAll(request.body, proxyOrigin, targetOrigin) : new Uint8Array(body);
      const upstream = await fetch(`${targetOrigin}${request.path}${query ? `?${query}` : ''}`, {
        method: request.method,
        headers: { ...request.headers, ...(rewrite && request.headers.origin === proxyOrigin ? { origin: targetOrigin } : {}) },
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : forwardedBody,
        redirect: 'manual',
      });
      const responseHeaders: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (HOP_BY_HOP.has(name) || name === 'set-cookie' || name === 'content-encoding') return;
        if (name === 'location') responseHeaders[name] = rewrite ? rewriteLocation(value, targetOrigin, proxyOrigin) : value;
        else responseHeaders[name] = replaceAll(value, targetOrigin, proxyOrigin);
      });
      const cookies = upstream.headers.getSetCookie();
      const isStream = (responseHeaders['content-type'] ?? '').startsWith('text/event-stream') && request.method === 'GET';
      if (isStream) {
        // A long-lived GET stream: pass it through as it comes (a defect may filter events).
        res.writeHead(upstream.status, { ...responseHeaders, ...(cookies.length ? { 'set-cookie': cookies } : {}) });
        exchanges.push(record(request, { status: upstream.status, headers: responseHeaders, body: '' }, started, true));
        const reader = upstream.body!.getReader();
        res.on('close', () => void reader.cancel().catch(() => undefined));
        for (;;) {
          const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
          if (done) break;
          const chunk = Buffer.from(value!).toString('utf8');
          res.write(active?.onStreamChunk ? active.onStreamChunk(chunk) : chunk);
        }
        res.end();
        return;
      }
      const bytes = Buffer.from(await upstream.arrayBuffer());
      const contentType = responseHeaders['content-type'] ?? '';
      const binary = !(TEXTUAL.test(contentType) || contentType.startsWith('text/event-stream'));
      response = {
        status: upstream.status,
        headers: responseHeaders,
        cookies,
        body: binary ? bytes.toString('latin1') : replaceAll(bytes.toString('utf8'), targetOrigin, proxyOrigin),
        binary,
      };
      response = active?.onResponse?.(request, response) ?? response;
    }
    const outHeaders: Record<string, string | string[]> = { ...response.headers };
    if (response.cookies?.length) outHeaders['set-cookie'] = [...response.cookies];
    const payload = Buffer.from(response.body, response.binary ? 'latin1' : 'utf8');
    outHeaders['content-length'] = String(payload.length);
    res.writeHead(response.status, outHeaders);
    res.end(payload);
    exchanges.push(record(request, response, started, false));
  };

  const record = (request: ExchangeRequest, response: ExchangeResponse, started: number, stream: boolean): Exchange => ({
    seq: ++seq,
    at: Date.now(),
    durationMs: Math.round(performance.now() - started),
    request,
    response: { status: response.status, headers: response.headers, body: response.body },
    stream,
    defect: active?.id,
    fingerprint,
  });

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'proxy_error', error_description: (error as Error).message }));
    });
  });
  const host = proxyHost(target);
  const { port } = await listen(server, 0, host.listen);
  proxyOrigin = `http://${host.name}:${port}`;
  return {
    url: proxyOrigin,
    exchanges,
    fingerprint,
    setTarget: (next) => {
      targetOrigin = new URL(next).origin;
    },
    setDefect: (next) => {
      active = next;
    },
    clear: () => {
      exchanges.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
