/**
 * A look-alike's Koa app: headers every page gets, and errors turned into a page instead of a
 * crash — bad input (HttpError) with its message, anything else as a plain 500 whose stack goes to
 * stderr (code locations only: request data, which may carry codes, is never logged).
 */
import Koa from 'koa';
import { html } from '../../../web/html.ts';
import { HttpError } from './httpError.ts';
import { pageShell, type Brand } from './pageShell.ts';

export function createClientApp(brand: Brand): Koa {
  const app = new Koa();
  app.silent = true;
  app.use(async (ctx, next) => {
    // Pages carry per-person state and the callback carries a code: never cache them, never leak them by Referer.
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Content-Type-Options', 'nosniff');
    try {
      await next();
    } catch (error) {
      const known = error instanceof HttpError;
      if (!known) console.error(`mock-clients (${brand.name}): unhandled error`, error instanceof Error ? error.stack : error);
      ctx.status = known ? error.status : 500;
      const message = known ? error.message : 'Something went wrong.';
      if (ctx.accepts('html', 'json') === 'json') {
        ctx.body = { error: message };
      } else {
        ctx.type = 'html';
        ctx.body = pageShell(brand, 'Error', html`<main><div class="card"><h1>${known && error.status === 404 ? 'Not found' : 'Something went wrong'}</h1><p role="alert" class="error">${message}</p><p><a href="/">Back to ${brand.name}</a></p></div></main>`);
      }
    }
  });
  return app;
}
