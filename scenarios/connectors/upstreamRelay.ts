/**
 * The harness's relay between the gateway and a vendor's MCP server. The gateway's catalogue entry
 * points at the relay, which forwards every request unchanged (streaming answers, SSE included) and
 * keeps a fingerprint of each credential it carried — so the scenarios can see, for any vendor:
 * - AUTH-09: whether a token the client was given at the gateway ever reached the upstream;
 * - UP-03: whether the gateway refreshed (a different credential after the upstream said 401);
 * and can play the upstream's failures without the vendor's help: a 401 as for an expired or
 * revoked token, a 5xx as for an outage (UP-05).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Readable } from 'node:stream';
import { listen } from '../../web/listen.ts';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

export interface RelayedRequest {
  readonly method: string;
  /** sha256 of the Authorization value (never the value). */
  readonly credential: string | undefined;
  readonly status: number;
  /** Answered by the relay itself (a played failure), not by the vendor. */
  readonly played: boolean;
}

/** `rpcMethod`: only requests carrying this JSON-RPC method (a tool call, not the list the client asks for first). */
export type PlayedFailure = { readonly status: 401 | 500 | 502 | 503; readonly times: number | 'always'; readonly rpcMethod?: string };

export interface UpstreamRelay {
  /** The URL the gateway is given instead of the vendor's MCP URL. */
  readonly url: string;
  readonly requests: readonly RelayedRequest[];
  fingerprint(credential: string): string;
  /** Answer the next `times` requests (or all of them) with this status instead of forwarding. */
  play(failure: PlayedFailure | undefined): void;
  close(): Promise<void>;
}

const fingerprintOf = (value: string) => createHash('sha256').update(value).digest('base64url');

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function rpcMethodOf(body: Buffer): string | undefined {
  try {
    const message = JSON.parse(body.toString('utf8')) as { method?: unknown };
    return typeof message.method === 'string' ? message.method : undefined;
  } catch {
    return undefined;
  }
}

export async function startUpstreamRelay(upstreamMcpUrl: string): Promise<UpstreamRelay> {
  const upstream = new URL(upstreamMcpUrl);
  const requests: RelayedRequest[] = [];
  let failure: { status: number; left: number; rpcMethod: string | undefined } | undefined;

  // Open upstream requests (SSE streams stay open): aborted when the gateway goes away or the relay closes,
  // so a vendor that stops later cannot fail a stream nobody reads.
  const inFlight = new Set<AbortController>();
  const server: Server = createServer((req, res) => {
    const aborter = new AbortController();
    inFlight.add(aborter);
    res.on('close', () => {
      aborter.abort();
      inFlight.delete(aborter);
    });
    void (async () => {
      const authorization = req.headers.authorization;
      const credential = authorization ? fingerprintOf(authorization) : undefined;
      const body = await bodyOf(req);
      if (failure && failure.left > 0 && (!failure.rpcMethod || rpcMethodOf(body) === failure.rpcMethod)) {
        failure.left -= 1;
        const status = failure.status;
        if (failure.left === 0) failure = undefined;
        requests.push({ method: req.method ?? 'GET', credential, status, played: true });
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (status === 401) headers['www-authenticate'] = 'Bearer error="invalid_token", error_description="The access token expired"';
        res.writeHead(status, headers).end(JSON.stringify({ error: status === 401 ? 'invalid_token' : 'upstream_unavailable' }));
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (HOP_BY_HOP.has(name) || value === undefined) continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const target = new URL(req.url ?? '/', upstream);
      const answer = await fetch(target, { method: req.method, headers, body: body.length > 0 ? new Uint8Array(body) : undefined, redirect: 'manual', signal: aborter.signal });
      requests.push({ method: req.method ?? 'GET', credential, status: answer.status, played: false });
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') out[name] = value;
      });
      res.writeHead(answer.status, out);
      if (!answer.body) return void res.end();
      const stream = Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    })().catch(() => {
      if (res.destroyed) return;
      if (!res.headersSent) res.writeHead(502).end();
      else res.end();
    });
  });
  const { port } = await listen(server, 0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${upstream.pathname}${upstream.search}`,
    requests,
    fingerprint: fingerprintOf,
    play(next) {
      failure = next ? { status: next.status, left: next.times === 'always' ? Number.POSITIVE_INFINITY : next.times, rpcMethod: next.rpcMethod } : undefined;
    },
    async close() {
      for (const aborter of inFlight) aborter.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
