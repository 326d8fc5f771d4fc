/**
 * Reads an OAuth request body (JSON registration, form-encoded token request) once, bounded, and
 * leaves it as text on `ctx.request.body` — where oidc-provider's body parser takes an already-read
 * body from — so the gateway's own checks (registration size, refresh-reuse grace) can see it first.
 */
import type { Context } from 'koa';
import { PayloadTooLarge } from '../errors/wireErrors.ts';

export async function readRequestText(ctx: Context, limitBytes: number): Promise<string> {
  const existing = (ctx.request as { body?: unknown }).body;
  if (typeof existing === 'string') return existing;
  const declared = ctx.request.length;
  if (declared !== undefined && declared > limitBytes) throw new PayloadTooLarge(`the request body exceeds ${limitBytes} bytes`);
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
