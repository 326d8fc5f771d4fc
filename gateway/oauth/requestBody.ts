/**
 * Reads an OAuth request body (JSON registration, form-encoded token request), bounded, before
 * oidc-provider parses it, so the gateway's own checks (registration size, refresh-reuse grace) can
 * see it first.
 *
 * With a Content-Length (every real client sends one) the body is peeked: read in paused mode and
 * put back with stream.unshift(), so oidc-provider still reads the request stream itself. A chunked
 * body is read whole and left as text on `ctx.request.body`, where oidc-provider takes an
 * already-read body from (it warns once per process when it does).
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import { PayloadTooLarge } from '../errors/wireErrors.ts';

/** Waits until the stream has data to read, ends, closes or fails. */
const readableOrDone = (req: IncomingMessage) =>
  new Promise<void>((resolve) => {
    const events = ['readable', 'end', 'close', 'error'] as const;
    const done = () => {
      for (const event of events) req.off(event, done);
      resolve();
    };
    for (const event of events) req.on(event, done);
  });

async function peek(req: IncomingMessage, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < length) {
    const chunk = req.read() as Buffer | null;
    if (chunk) {
      chunks.push(chunk);
      size += chunk.length;
    } else if (req.readableEnded || req.destroyed) {
      break;
    } else {
      await readableOrDone(req);
    }
  }
  const body = Buffer.concat(chunks, size);
  if (size > 0) req.unshift(body);
  return body;
}

async function readWhole(ctx: Context, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // destroyOnReturn: false — stopping early must not tear down a keep-alive socket mid-request.
  for await (const chunk of ctx.req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new PayloadTooLarge(`the request body exceeds ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  (ctx.request as { body?: unknown }).body = text;
  return text;
}

/** The declared length, after refusing one over the limit (undefined for a chunked body). */
function declaredLength(ctx: Context, limitBytes: number): number | undefined {
  const declared = ctx.request.length;
  if (declared !== undefined && declared > limitBytes) throw new PayloadTooLarge(`the request body exceeds ${limitBytes} bytes`);
  return declared;
}

export async function readRequestText(ctx: Context, limitBytes: number): Promise<string> {
  const declared = declaredLength(ctx, limitBytes);
  if (declared === undefined) return readWhole(ctx, limitBytes);
  return (await peek(ctx.req, declared)).toString('utf8');
}

/**
 * Only the size limit, for a body the gateway does not read itself: a Content-Length is checked
 * without touching the stream (Node's parser never delivers more than it declares); a chunked body
 * is still read, since its size is known only at the end.
 */
export async function limitRequestBody(ctx: Context, limitBytes: number): Promise<void> {
  if (declaredLength(ctx, limitBytes) === undefined) await readWhole(ctx, limitBytes);
}
