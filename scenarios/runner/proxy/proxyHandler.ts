/**
 * What the harness proxy does with one request (observingProxy.ts says why it exists and what each
 * option is for): ask the defect, forward with the real origins, pass a stream on as it comes or
 * read a whole answer and swap origins back, and record the exchange either way.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Defect } from '../../defects/defect.ts';
import { discoveredOrigins } from './discoveredOrigins.ts';
import type { Exchange, ExchangeRequest, ExchangeResponse } from './exchange.ts';
import { describeFailure, forwardableHeaders, HOP_BY_HOP, readBody, TEXTUAL } from './forwarding.ts';
import { reversed, swapLocation, swapOrigins } from './originSwap.ts';
import type { ProxyOptions } from './proxyOptions.ts';
import { jsonOf } from '../../../wire/jsonRpcMessages.ts';

/** What the proxies of one observation share: the origin pairs, the record, the defect. */
export interface Observation {
  readonly pairs: Map<string, string>;
  readonly exchanges: Exchange[];
  readonly servers: Server[];
  readonly inFlight: Set<AbortController>;
  readonly fingerprint: (value: string) => string;
  active: Defect | undefined;
  seq: number;
}

/** The real origin one proxy server stands in front of, and its own. */
export interface Route {
  target: string;
  proxy: string;
}

export function proxyHandler(observation: Observation, route: Route, options: ProxyOptions, follow: (origins: readonly string[]) => Promise<void>) {
  const rewrite = options.rewrite ?? true;
  const toTarget = (text: string) => (rewrite ? swapOrigins(text, reversed(observation.pairs)) : text);
  const toClient = (text: string) => (rewrite ? swapOrigins(text, observation.pairs) : text);

  const record = (request: ExchangeRequest, response: ExchangeResponse, started: number, extra: Partial<Pick<Exchange, 'stream' | 'failure' | 'answeredByDefect'>>) => {
    if (options.record === false) return;
    observation.exchanges.push({
      seq: ++observation.seq,
      origin: route.target,
      ...(extra.failure ? { failure: extra.failure } : {}),
      ...(extra.answeredByDefect ? { answeredByDefect: true } : {}),
      at: Date.now(),
      durationMs: Math.round(performance.now() - started),
      request,
      response: { status: response.status, headers: response.headers, body: response.body },
      stream: extra.stream ?? false,
      defect: observation.active?.id,
      fingerprint: observation.fingerprint,
    });
  };

  const forward = async (request: ExchangeRequest, body: Buffer, aborter: AbortController) => {
    const query = toTarget(request.query.toString());
    const forwardedBody = TEXTUAL.test(request.headers['content-type'] ?? '') ? toTarget(request.body) : new Uint8Array(body);
    const added = Object.entries(options.addHeaders?.(request) ?? {}).filter(([name]) => request.headers[name] === undefined);
    const headers = { ...request.headers, ...Object.fromEntries(added), ...(rewrite && request.headers.origin && observation.pairs.size ? { origin: toTarget(request.headers.origin) } : {}) };
    return fetch(`${route.target}${request.path}${query ? `?${query}` : ''}`, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : forwardedBody,
      redirect: 'manual',
      signal: aborter.signal,
    });
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!route.target) throw new Error('the proxy has no target to forward to yet');
    const started = performance.now();
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', route.proxy);
    // Recorded and shown to defects as the client sent it; forwarded with the real origins.
    const request: ExchangeRequest = { method: req.method ?? 'GET', path: url.pathname, query: new URLSearchParams(url.search), headers: forwardableHeaders(req), body: body.toString('utf8') };

    const playedAnswer = observation.active?.onRequest?.(request);
    if (playedAnswer) return answer(res, playedAnswer, () => record(request, playedAnswer, started, { answeredByDefect: true }));
    const aborter = new AbortController();
    observation.inFlight.add(aborter);
    res.on('close', () => observation.inFlight.delete(aborter));
    let failure: string | undefined;
    const upstream = await forward(request, body, aborter).catch((error: unknown) => void (failure = describeFailure(error)));
    if (!upstream) {
      const refused: ExchangeResponse = { status: 502, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'proxy_error', error_description: `${route.target} did not answer: ${failure}` }) };
      return answer(res, refused, () => record(request, refused, started, { failure }));
    }
    const contentType = upstream.headers.get('content-type') ?? '';
    // A tool call's event stream may carry a request the client must answer before the stream ends
    // (elicitation, sampling) and progress it should see as it comes: held back whole, it would
    // deadlock the call. It passes as it comes and is recorded whole when it ends.
    const callStream = contentType.startsWith('text/event-stream') && request.method === 'POST' && isToolCall(request);
    const isStream = contentType.startsWith('text/event-stream') && (request.method === 'GET' || options.streamAnswers === true || callStream);
    const bytes = isStream ? Buffer.alloc(0) : Buffer.from(await upstream.arrayBuffer());
    const binary = !(TEXTUAL.test(contentType) || contentType.startsWith('text/event-stream'));
    if (options.follow && !binary) await follow(discoveredOrigins(request, contentType, bytes.toString('utf8')));
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (HOP_BY_HOP.has(name) || name === 'set-cookie' || name === 'content-encoding') return;
      headers[name] = name !== 'location' ? toClient(value) : rewrite ? swapLocation(value, observation.pairs) : value;
    });
    const cookies = upstream.headers.getSetCookie();
    if (isStream && callStream) {
      const body = await passStream(res, upstream, headers, cookies, observation, MAX_RECORDED_STREAM_CHARS);
      return record(request, { status: upstream.status, headers, body: toClient(body) }, started, {});
    }
    if (isStream) {
      record(request, { status: upstream.status, headers, body: '' }, started, { stream: true });
      await passStream(res, upstream, headers, cookies, observation, 0);
      return;
    }
    const whole: ExchangeResponse = { status: upstream.status, headers, cookies, body: binary ? bytes.toString('latin1') : toClient(bytes.toString('utf8')), binary };
    const altered = observation.active?.onResponse?.(request, whole) ?? whole;
    answer(res, altered, () => record(request, altered, started, {}));
  };
}

/** Sends a whole answer, then records it (the record's order is the order answers were given). */
function answer(res: ServerResponse, response: ExchangeResponse, recordIt: () => void): void {
  const headers: Record<string, string | string[]> = { ...response.headers };
  if (response.cookies?.length) headers['set-cookie'] = [...response.cookies];
  const payload = Buffer.from(response.body, response.binary ? 'latin1' : 'utf8');
  headers['content-length'] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(payload);
  recordIt();
}

/** How much of a tool call's event stream the record keeps (progress, questions and the result fit easily). */
const MAX_RECORDED_STREAM_CHARS = 1_000_000;

function isToolCall(request: ExchangeRequest): boolean {
  return (jsonOf(request.body) as { method?: unknown } | undefined)?.method === 'tools/call';
}

/**
 * An event stream: passed on as it comes (a defect may filter events), ended when either side
 * hangs up; returns what passed, up to `keepChars` characters.
 */
async function passStream(res: ServerResponse, upstream: Response, headers: Record<string, string>, cookies: string[], observation: Observation, keepChars: number): Promise<string> {
  let kept = '';
  res.writeHead(upstream.status, { ...headers, ...(cookies.length ? { 'set-cookie': cookies } : {}) });
  const reader = upstream.body!.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done) break;
    const chunk = Buffer.from(value!).toString('utf8');
    const passed = observation.active?.onStreamChunk ? observation.active.onStreamChunk(chunk) : chunk;
    if (kept.length < keepChars) kept += passed.slice(0, keepChars - kept.length);
    res.write(passed);
  }
  res.end();
  return kept;
}
