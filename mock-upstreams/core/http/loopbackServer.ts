/**
 * A real loopback HTTP server answering from a vendor's msw handler list (msw `getResponse`), so a
 * browser or another process reaches exactly the behaviour tests get in-process. Node request →
 * web `Request` (body buffered, 1 MiB cap) → handlers → web `Response` streamed back. The handler
 * list is set after `listen`, because handler URLs contain the port a `0` listen picked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '../../../web/listen.ts';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getResponse, type RequestHandler } from 'msw';

const MAX_BODY_BYTES = 1024 * 1024;

export interface LoopbackServer {
  readonly baseUrl: string;
  serve(handlers: readonly RequestHandler[]): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  // Refuse a declared oversize body before reading it; chunked bodies are counted as they arrive.
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new RangeError('request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toRequest(req: IncomingMessage, baseUrl: string, body: Buffer | undefined): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return new Request(new URL(req.url ?? '/', baseUrl), { method: req.method ?? 'GET', headers, body: body && body.length > 0 ? new Uint8Array(body) : undefined });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res);
  } catch {
    // The client hung up mid-body; nothing to answer any more.
  }
}

export async function listenLoopback(host: string, port: number): Promise<LoopbackServer> {
  let handlers: readonly RequestHandler[] = [];
  let baseUrl = '';
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const request = toRequest(req, baseUrl, await readBody(req));
        const response = (await getResponse([...handlers], request)) ?? new Response('Not Found', { status: 404 });
        await send(res, response);
      } catch (error) {
        const tooLarge = error instanceof RangeError;
        // A mock bug must be loud in test output; the stack names code, never request data.
        if (!tooLarge) console.error('mock-upstreams: unhandled error', error instanceof Error ? error.stack : error);
        if (!res.headersSent) res.writeHead(tooLarge ? 413 : 500, { 'content-type': 'application/json', ...(tooLarge ? { connection: 'close' } : {}) });
        res.end(JSON.stringify({ error: tooLarge ? 'payload_too_large' : 'mock_internal_error' }));
      }
    })();
  });
  const bound = await listen(server, port, host);
  baseUrl = `http://${bound.urlHost}:${bound.port}`;
  return {
    baseUrl,
    serve(next) {
      handlers = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
