/**
 * The observing (and, with a defect, mutating) proxy every scenario talks through. It sits in front
 * of a gateway's origin and is what the client is given as the MCP server: requests are forwarded
 * with the proxy's origin rewritten to the gateway's (query strings, form and JSON bodies), answers
 * with the gateway's origin rewritten to the proxy's (headers, JSON, HTML) — so a gateway whose
 * authorization server lives on its own origin is observed whole, ours or anyone's. Every exchange
 * is recorded (no secret values: credentials become a kind and a keyed fingerprint); the protocol
 * checks are computed from this record. A defect (defects/catalog.ts) may alter a request or an
 * answer — the gateway itself never carries test-only code paths.
 *
 * With `follow`, an authorization server (or an endpoint) that discovery names on another origin
 * gets a sibling proxy of its own, started before the answer naming it is passed on: the client
 * then talks to it through the proxy too, and the one record holds both origins (AS on another
 * host is the normal case for Keycloak, Auth0, Okta, Entra and the SDK's split AS).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listen } from '../../web/listen.ts';
import type { Defect } from './defect.ts';
import { jsonOf, type Exchange, type ExchangeRequest, type ExchangeResponse } from './exchange.ts';
import { reversed, swapOrigins } from './originSwap.ts';

const MAX_BODY = 8 * 1024 * 1024;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'content-length', 'host']);
const TEXTUAL = /json|html|x-www-form-urlencoded|text\/plain|javascript/;

export interface ObservingProxy {
  readonly url: string;
  /** Every real origin observed and the proxy origin standing in for it (the target's first). */
  origins(): ReadonlyMap<string, string>;
  /** The proxied form of a real URL (unchanged when its origin is not observed). */
  proxied(url: string): string;
  /** `text` with every proxy origin put back to the real one, for what a person reads. */
  real(text: string): string;
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

/**
 * A redirect within the observed origins goes through their proxies; a redirect to a third party
 * keeps its embedded URLs (a vendor's authorize URL carries the gateway's own callback, which the
 * vendor checks), except the RFC 9207 `iss` of an authorization response: the client compares it
 * with the issuer it was shown, which is a proxy's.
 */
function rewriteLocation(location: string, pairs: ReadonlyMap<string, string>): string {
  for (const [from, to] of pairs) if (location === from || location.startsWith(`${from}/`) || location.startsWith(`${from}?`)) return to + location.slice(from.length);
  if (!URL.canParse(location)) return location;
  const url = new URL(location);
  const iss = url.searchParams.get('iss');
  if (iss === null) return location;
  const swapped = swapOrigins(iss, pairs);
  if (swapped === iss) return location;
  url.searchParams.set('iss', swapped);
  return url.toString();
}

/** Origins that discovery names in an answer: authorization servers (RFC 9728) and endpoints (RFC 8414). */
function namedOrigins(request: ExchangeRequest, contentType: string, body: string): string[] {
  if (!contentType.includes('json') || !request.path.startsWith('/.well-known/')) return [];
  const value = jsonOf(body);
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const urls = [
    ...(Array.isArray(record.authorization_servers) ? record.authorization_servers : []),
    ...['issuer', 'authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'revocation_endpoint', 'jwks_uri'].map((key) => record[key]),
  ];
  return urls.filter((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u) && URL.canParse(u)).map((u) => new URL(u).origin);
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
  /** Observe authorization servers and endpoints that discovery names on other origins, each through a sibling proxy. */
  readonly follow?: boolean;
}

/** What the proxies of one observation share: the origin pairs, the record, the defect. */
interface Observation {
  readonly pairs: Map<string, string>;
  readonly exchanges: Exchange[];
  readonly servers: Server[];
  readonly fingerprint: (value: string) => string;
  active: Defect | undefined;
  seq: number;
}

export async function startObservingProxy(target: string | undefined, options: ProxyOptions = {}): Promise<ObservingProxy> {
  const key = randomBytes(32);
  const observation: Observation = {
    pairs: new Map(),
    exchanges: [],
    servers: [],
    fingerprint: (value: string) => createHmac('sha256', key).update(value).digest('base64url').slice(0, 16),
    active: options.defect,
    seq: 0,
  };
  const entry = await startProxyServer(observation, target, options);
  return {
    url: entry.origin,
    exchanges: observation.exchanges,
    fingerprint: observation.fingerprint,
    origins: () => observation.pairs,
    proxied: (url) => swapOrigins(url, observation.pairs),
    real: (text) => swapOrigins(text, reversed(observation.pairs)),
    setTarget: entry.setTarget,
    setDefect: (next) => {
      observation.active = next;
    },
    clear: () => {
      observation.exchanges.length = 0;
    },
    close: async () => {
      await Promise.all(
        observation.servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

/** One proxy server in front of one real origin, recording into the shared observation. */
async function startProxyServer(observation: Observation, target: string | undefined, options: ProxyOptions): Promise<{ origin: string; setTarget(next: string): void }> {
  let targetOrigin = target ? new URL(target).origin : '';
  const rewrite = options.rewrite ?? true;
  let proxyOrigin = '';
  const following = new Map<string, Promise<unknown>>();

  // Other origins that discovery names get their own proxy before the answer naming them is passed on.
  const follow = async (origins: readonly string[]) => {
    for (const origin of new Set(origins)) {
      if (observation.pairs.has(origin) || [...observation.pairs.values()].includes(origin)) continue;
      if (!following.has(origin)) following.set(origin, startProxyServer(observation, origin, options));
      await following.get(origin);
    }
  };
  const toTarget = (text: string) => (rewrite ? swapOrigins(text, reversed(observation.pairs)) : text);
  const toClient = (text: string) => (rewrite ? swapOrigins(text, observation.pairs) : text);

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
    // Recorded and shown to defects as the client sent it; forwarded with the real origins.
    const request: ExchangeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: new URLSearchParams(url.search),
      headers,
      body: body.toString('utf8'),
    };

    const shortCircuit = observation.active?.onRequest?.(request);
    let response: ExchangeResponse;
    let failure: string | undefined;
    if (shortCircuit) {
      response = shortCircuit;
    } else {
      const query = toTarget(request.query.toString());
      const forwardedBody = TEXTUAL.test(headers['content-type'] ?? '') ? toTarget(request.body) : new Uint8Array(body);
      const forwardedHeaders = { ...request.headers, ...(rewrite && request.headers.origin && observation.pairs.size ? { origin: toTarget(request.headers.origin) } : {}) };
      const upstream = await fetch(`${targetOrigin}${request.path}${query ? `?${query}` : ''}`, {
        method: request.method,
        headers: forwardedHeaders,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : forwardedBody,
        redirect: 'manual',
      }).catch((error: unknown) => {
        failure = describeFailure(error);
        return undefined;
      });
      if (!upstream) {
        response = { status: 502, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'proxy_error', error_description: `${targetOrigin} did not answer: ${failure}` }) };
      } else {
        const contentType = upstream.headers.get('content-type') ?? '';
        const isStream = contentType.startsWith('text/event-stream') && request.method === 'GET';
        const bytes = isStream ? Buffer.alloc(0) : Buffer.from(await upstream.arrayBuffer());
        const binary = !(TEXTUAL.test(contentType) || contentType.startsWith('text/event-stream'));
        if (options.follow && !binary) await follow(namedOrigins(request, contentType, bytes.toString('utf8')));
        const responseHeaders: Record<string, string> = {};
        upstream.headers.forEach((value, name) => {
          if (HOP_BY_HOP.has(name) || name === 'set-cookie' || name === 'content-encoding') return;
          if (name === 'location') responseHeaders[name] = rewrite ? rewriteLocation(value, observation.pairs) : value;
          else responseHeaders[name] = toClient(value);
        });
        const cookies = upstream.headers.getSetCookie();
        if (isStream) {
          // A long-lived GET stream: pass it through as it comes (a defect may filter events).
          res.writeHead(upstream.status, { ...responseHeaders, ...(cookies.length ? { 'set-cookie': cookies } : {}) });
          observation.exchanges.push(record(request, { status: upstream.status, headers: responseHeaders, body: '' }, started, true));
          const reader = upstream.body!.getReader();
          res.on('close', () => void reader.cancel().catch(() => undefined));
          for (;;) {
            const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
            if (done) break;
            const chunk = Buffer.from(value!).toString('utf8');
            res.write(observation.active?.onStreamChunk ? observation.active.onStreamChunk(chunk) : chunk);
          }
          res.end();
          return;
        }
        response = {
          status: upstream.status,
          headers: responseHeaders,
          cookies,
          body: binary ? bytes.toString('latin1') : toClient(bytes.toString('utf8')),
          binary,
        };
        response = observation.active?.onResponse?.(request, response) ?? response;
      }
    }
    const outHeaders: Record<string, string | string[]> = { ...response.headers };
    if (response.cookies?.length) outHeaders['set-cookie'] = [...response.cookies];
    const payload = Buffer.from(response.body, response.binary ? 'latin1' : 'utf8');
    outHeaders['content-length'] = String(payload.length);
    res.writeHead(response.status, outHeaders);
    res.end(payload);
    observation.exchanges.push(record(request, response, started, false, failure));
  };

  const record = (request: ExchangeRequest, response: ExchangeResponse, started: number, stream: boolean, failure?: string): Exchange => ({
    seq: ++observation.seq,
    origin: targetOrigin,
    ...(failure ? { failure } : {}),
    at: Date.now(),
    durationMs: Math.round(performance.now() - started),
    request,
    response: { status: response.status, headers: response.headers, body: response.body },
    stream,
    defect: observation.active?.id,
    fingerprint: observation.fingerprint,
  });

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'proxy_error', error_description: (error as Error).message }));
    });
  });
  const host = proxyHost(target);
  const { port } = await listen(server, 0, host.listen);
  observation.servers.push(server);
  proxyOrigin = `http://${host.name}:${port}`;
  if (targetOrigin) observation.pairs.set(targetOrigin, proxyOrigin);
  return {
    origin: proxyOrigin,
    setTarget: (next) => {
      if (targetOrigin) observation.pairs.delete(targetOrigin);
      targetOrigin = new URL(next).origin;
      observation.pairs.set(targetOrigin, proxyOrigin);
    },
  };
}

/** Why a forward got no answer, as a person would say it (the cause's code, not a stack). */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ECONNRESET' || cause?.code === 'UND_ERR_SOCKET') return 'connection closed without an answer';
  if ((error as Error).name === 'TimeoutError' || cause?.code === 'UND_ERR_HEADERS_TIMEOUT') return 'no answer in time';
  return cause?.message ?? (error as Error).message;
}
