/**
 * Reads an application/x-www-form-urlencoded body for the gateway's own pages (sign-in, consent).
 * Bounded: a body larger than the limit is refused with 413 before it is buffered whole.
 */
import type { Context } from 'koa';
import { InvalidRequest, PayloadTooLarge } from '../errors/wireErrors.ts';

const LIMIT_BYTES = 32 * 1024;

export async function readForm(ctx: Context): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw new InvalidRequest('expected an application/x-www-form-urlencoded form body');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // destroyOnReturn: false — stopping early must not tear down a keep-alive socket mid-request.
  for await (const chunk of ctx.req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > LIMIT_BYTES) throw new PayloadTooLarge(`form body exceeds ${LIMIT_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
