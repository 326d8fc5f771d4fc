import type { Context } from 'koa';

/** Post/Redirect/Get: a 303, so Refresh in the browser never re-sends a form. */
export function seeOther(ctx: Context, location: string): void {
  ctx.redirect(location);
  ctx.status = 303;
}

/** An HTML page (already rendered through `html`). */
export function sendPage(ctx: Context, body: string, status = 200): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = body;
}
