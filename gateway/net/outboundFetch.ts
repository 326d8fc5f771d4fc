/**
 * The only way the gateway fetches a URL that a client or an upstream supplied (SEC-03): Client ID
 * Metadata Documents today, upstream metadata later.
 *
 * - https only, except origins on the explicit allow-list (tests and local mocks on loopback);
 * - every address a host name resolves to must be public unicast — private, loopback, link-local,
 *   CGNAT, multicast and reserved ranges are refused — and the connection is pinned to the address
 *   that was checked, so DNS rebinding between check and connect gains nothing;
 * - redirects are followed by hand, at most a few, and every hop is checked again;
 * - a time limit on the whole exchange and a byte limit on the body (readLimitedBody).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { rootCertificates } from 'node:tls';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, fetch as undiciFetch, type Dispatcher, type RequestInit as UndiciRequestInit } from 'undici';

export type OutboundRefusal = 'scheme' | 'private-address' | 'redirect' | 'timeout' | 'too-large' | 'network';

export class OutboundFetchError extends Error {
  override readonly name = 'OutboundFetchError';
  readonly reason: OutboundRefusal;

  constructor(reason: OutboundRefusal, message: string) {
    super(message);
    this.reason = reason;
  }
}

export interface OutboundPolicy {
  /** Origins allowed over http and on non-public addresses. */
  readonly allowOrigins: readonly string[];
  /**
   * `host:port` → `127.0.0.1:port`: connect there instead, keeping the name for TLS and Host (like
   * curl --connect-to). For test harnesses whose look-alikes of real hosts (chatgpt.com) run on
   * loopback; targets must be loopback, and a mapped origin counts as allow-listed.
   */
  readonly connectTo?: Readonly<Record<string, string>>;
  /** Extra PEM CAs trusted besides the system roots. */
  readonly extraCa?: string | undefined;
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
}

export interface OutboundInit {
  readonly method?: string;
  readonly headers?: HeadersInit;
  readonly body?: string;
  /** 'manual' hands a 3xx back to the caller unfollowed; 'follow' re-checks and follows each hop. */
  readonly redirect?: 'manual' | 'follow';
  readonly signal?: AbortSignal;
}

/** A request on the hot path (upstream MCP, issue 12): undici's own request, no WHATWG streams, no redirects followed. */
export interface LeanInit {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** The caller's one deadline; aborting it ends the request with OutboundFetchError('timeout'). */
  readonly signal: AbortSignal;
}

export type LeanResponse = Dispatcher.ResponseData;

/** Just the fetch, for code that never needs the lean request (and for its test doubles). */
export type FetchOnly = (url: string | URL, init?: OutboundInit) => Promise<Response>;

export interface OutboundFetch extends FetchOnly {
  /** The same target checks as a fetch, over the same pooled keep-alive connections per origin. */
  request(url: URL, init: LeanInit): Promise<LeanResponse>;
  /** The policy's limit on one exchange: a lean request's caller makes it part of its one deadline. */
  readonly timeoutMs: number;
}

/** True only for ordinary public unicast addresses. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

function guardedLookup(
  hostname: string,
  options: { family?: number | string; all?: boolean },
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused || addresses.length === 0) {
      const refusal = Object.assign(new Error(`${hostname} resolves to a non-public address`), { code: 'EGANGWAYPRIVATE' });
      return callback(refusal, '');
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0] as LookupAddress;
    return callback(null, first.address, first.family);
  });
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && chain.length < 5) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

export function createOutboundFetch(policy: OutboundPolicy): OutboundFetch {
  const allow = new Set(policy.allowOrigins);
  const ca = policy.extraCa ? [...rootCertificates, policy.extraCa] : undefined;
  const guarded = new Agent({ connect: { lookup: guardedLookup as never, ...(ca ? { ca } : {}) } });
  const connectTo = new Map(Object.entries(policy.connectTo ?? {}));
  const direct = buildConnector(ca ? { ca } : {});
  const trusted = new Agent({
    connect: (options, callback) => {
      const port = options.port || (options.protocol === 'https:' ? '443' : '80');
      const target = connectTo.get(`${options.hostname}:${port}`);
      if (!target) return direct(options, callback);
      const [hostname, mappedPort] = target.split(':');
      return direct({ ...options, hostname: hostname!, port: mappedPort!, servername: options.hostname }, callback);
    },
  });
  for (const key of connectTo.keys()) {
    const [host, port] = key.split(':');
    allow.add(new URL(`${port === '80' ? 'http' : 'https'}://${host}${port === '443' || port === '80' ? '' : `:${port}`}`).origin);
  }
  const timeoutMs = policy.timeoutMs ?? 5000;
  const maxRedirects = policy.maxRedirects ?? 3;

  const checkTarget = (url: URL): Agent => {
    if (allow.has(url.origin)) return trusted;
    if (url.protocol !== 'https:') {
      throw new OutboundFetchError('scheme', `refusing to fetch ${url.origin}: only https is allowed`);
    }
    const host = stripBrackets(url.hostname);
    if (ipaddr.isValid(host) && !isPublicAddress(host)) {
      throw new OutboundFetchError('private-address', `refusing to fetch ${url.origin}: not a public address`);
    }
    return guarded;
  };

  const refusalOf = (error: unknown, url: URL, timedOut: boolean): OutboundFetchError => {
    const chain = causeChain(error);
    if (chain.some((e) => (e as { code?: string }).code === 'EGANGWAYPRIVATE')) {
      return new OutboundFetchError('private-address', `refusing to fetch ${url.origin}: it resolves to a non-public address`);
    }
    if (timedOut || chain.some((e) => (e as { name?: string }).name === 'TimeoutError' || (e as { name?: string }).name === 'AbortError')) {
      return new OutboundFetchError('timeout', `fetching ${url.origin} took longer than allowed`);
    }
    return new OutboundFetchError('network', `fetching ${url.origin} failed`);
  };

  const request = async (url: URL, init: LeanInit): Promise<LeanResponse> => {
    const dispatcher = checkTarget(url);
    try {
      return await dispatcher.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: init.method, headers: init.headers, body: init.body ?? null, signal: init.signal });
    } catch (error) {
      throw refusalOf(error, url, init.signal.aborted);
    }
  };

  const outboundFetch = async (input: string | URL, init: OutboundInit = {}): Promise<Response> => {
    let url = new URL(input);
    const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    for (let hop = 0; ; hop++) {
      const dispatcher = checkTarget(url);
      let response: Response;
      try {
        response = (await undiciFetch(url, {
          method: init.method ?? 'GET',
          headers: init.headers,
          body: init.body,
          redirect: 'manual',
          signal,
          dispatcher,
        } as UndiciRequestInit)) as unknown as Response;
      } catch (error) {
        const refusal = refusalOf(error, url, false);
        if (refusal.reason === 'timeout') throw new OutboundFetchError('timeout', `fetching ${url.origin} took longer than ${timeoutMs} ms`);
        throw refusal;
      }
      const location = response.headers.get('location');
      if (init.redirect !== 'follow' || response.status < 300 || response.status > 399 || !location) return response;
      await response.body?.cancel();
      if (hop >= maxRedirects) throw new OutboundFetchError('redirect', `more than ${maxRedirects} redirects from ${url.origin}`);
      url = new URL(location, url);
    }
  };
  return Object.assign(outboundFetch, { request, timeoutMs });
}

/**
 * Reads at most `limit` bytes of a body, from a fetch Response or a lean request's body; a longer
 * body is refused, not truncated, and `release` lets go of the rest.
 */
export async function readLimitedChunks(body: AsyncIterable<Uint8Array> | null, declaredLength: string | null | undefined, limit: number, release: () => Promise<unknown>): Promise<Buffer> {
  const declared = Number(declaredLength ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await release().catch(() => undefined);
    throw new OutboundFetchError('too-large', `response body of ${declared} bytes exceeds the ${limit}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body ?? []) {
    size += chunk.length;
    if (size > limit) {
      await release().catch(() => undefined);
      throw new OutboundFetchError('too-large', `response body exceeds the ${limit}-byte limit`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function readLimitedBody(response: Response, limit: number): Promise<Buffer> {
  return readLimitedChunks(response.body as AsyncIterable<Uint8Array> | null, response.headers.get('content-length'), limit, async () => response.body?.cancel());
}
