/**
 * Bounded request bodies for the look-alikes' own forms and APIs: a form (urlencoded) or JSON.
 * Too large → 413, wrong type or malformed → 400, both before anything is acted on.
 */
import type { Context } from 'koa';
import { HttpError } from './httpError.ts';

async function readText(ctx: Context, limit: number): Promise<string> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw new HttpError(413, `request body exceeds ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  // destroyOnReturn: false — stopping early must not tear down a keep-alive socket mid-request.
  for await (const chunk of ctx.req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readForm(ctx: Context, limit = 64 * 1024): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) throw new HttpError(400, 'expected a form (application/x-www-form-urlencoded)');
  return new URLSearchParams(await readText(ctx, limit));
}

export async function readJson(ctx: Context, limit: number): Promise<unknown> {
  if (!ctx.is('application/json')) throw new HttpError(400, 'expected application/json');
  try {
    return JSON.parse(await readText(ctx, limit));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'the body is not valid JSON');
  }
}
