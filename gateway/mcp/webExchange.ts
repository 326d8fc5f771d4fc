/**
 * The thin adapter between Koa and the SDK's web-standard Streamable HTTP transport: a Koa request
 * becomes a `Request` (the already-parsed body travels separately), and a `Response` — JSON or a
 * long-lived SSE stream — is streamed back with backpressure; a client that hangs up cancels it.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Context } from 'koa';
import { PayloadTooLarge } from '../errors/wireErrors.ts';

export function toWebRequest(ctx: Context, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return new Request(new URL(ctx.originalUrl, origin), { method: ctx.method, headers });
}

export async function sendWebResponse(ctx: Context, response: Response): Promise<void> {
  ctx.respond = false;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(ctx.response.headers)) {
    if (value !== undefined) headers[name] = value as string | string[];
  }
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  ctx.res.writeHead(response.status, headers);
  // An SSE stream may stay silent for a while (a GET stream until the first notification): send
  // its headers now, so the client — and a proxy in between — knows at once the stream is open.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) ctx.res.flushHeaders();
  if (!response.body) {
    ctx.res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), ctx.res);
  } catch {
    // The client went away mid-stream (closing an SSE stream is normal); nothing to report.
  }
}

/** The whole body, refused past `limitBytes`; events rather than an async iterator (issue 12: fewer allocations per request). */
function readBody(ctx: Context, limitBytes: number): Promise<Buffer> {
  const request = ctx.req;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        // Stop buffering; the error handler answers 413 and closes the connection.
        request.pause();
        reject(new PayloadTooLarge(`request body exceeds ${limitBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

export async function readJsonBody(ctx: Context, limitBytes: number): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const body = await readBody(ctx, limitBytes);
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}
