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

export async function readJsonBody(ctx: Context, limitBytes: number): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new PayloadTooLarge(`request body exceeds ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false };
  }
}
