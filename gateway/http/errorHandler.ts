/**
 * The outermost middleware. A WireError becomes its RFC error body and status; anything else is a
 * 500 `server_error` whose message and stack go to the log only. A person's browser gets the same
 * error as the styled HTML page, whatever the method: browsers send `Accept: text/html` on form
 * POSTs too (a stale consent tab, a portal form), and a page of raw JSON leaves them stuck. API
 * clients (Accept: application/json, any type, or none) keep the JSON body. A path nothing answered is
 * the same not_found error, so a mistyped address shows a page instead of Koa's bare "Not Found".
 */
import type { Context, Middleware } from 'koa';
import { NotFound, ServerError, TooManyRequests, WireError } from '../errors/wireErrors.ts';
import type { Logger } from '../logging/logger.ts';
import { html } from '../../web/html.ts';
import { page } from './page.ts';
import { PageError } from './pageError.ts';

/** Descriptions are written for the JSON body (lower-case, no full stop); a page shows a sentence. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function wantsHtml(ctx: Context): boolean {
  return ctx.accepts('json', 'html') === 'html';
}

function respond(ctx: Context, wire: WireError): void {
  ctx.status = wire.status;
  // The rest of an oversized body is still on the wire: do not reuse this connection.
  if (wire.status === 413) ctx.set('Connection', 'close');
  if (wire instanceof TooManyRequests) ctx.set('Retry-After', String(wire.retryAfterSeconds));
  if (!wantsHtml(ctx)) {
    ctx.body = wire.toJSON();
    return;
  }
  const heading = wire instanceof PageError ? wire.heading : 'Something went wrong';
  const description = asSentence(wire.toJSON().error_description);
  ctx.type = 'html';
  ctx.body = page({
    title: heading,
    body: html`<h1>${heading}</h1><p role="${wire instanceof PageError ? 'status' : 'alert'}" class="${wire instanceof PageError ? 'success' : 'error'}" data-testid="error-description">${description}</p>
${wire instanceof PageError ? '' : html`<p class="muted">Error code: <code>${wire.error}</code></p>`}
<p><a href="/portal">Open the User Portal</a></p>`,
  });
}

export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) respond(ctx, new NotFound('there is no page at this address'));
    } catch (caught) {
      const wire = caught instanceof WireError ? caught : new ServerError('unexpected error');
      if (!(caught instanceof WireError)) {
        logger.error('request.failed', { method: ctx.method, path: ctx.path, error: caught, stack: (caught as Error)?.stack });
      }
      respond(ctx, wire);
    }
  };
}
