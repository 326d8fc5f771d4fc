/**
 * The outermost middleware. A WireError becomes its RFC error body and status; anything else is a
 * 500 `server_error` whose message and stack go to the log only. Pages get the same error as a small
 * HTML page rather than JSON when the client asked for HTML.
 */
import type { Middleware } from 'koa';
import { ServerError, WireError } from '../errors/wireErrors.ts';
import type { Logger } from '../logging/logger.ts';
import { html } from '../../web/html.ts';
import { page } from './page.ts';

export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (caught) {
      const wire = caught instanceof WireError ? caught : new ServerError('unexpected error');
      if (!(caught instanceof WireError)) {
        logger.error('request.failed', { method: ctx.method, path: ctx.path, error: caught, stack: (caught as Error)?.stack });
      }
      ctx.status = wire.status;
      // The rest of an oversized body is still on the wire: do not reuse this connection.
      if (wire.status === 413) ctx.set('Connection', 'close');
      if (ctx.accepts('json', 'html') === 'html' && ctx.method === 'GET') {
        ctx.type = 'html';
        ctx.body = page({
          title: 'Something went wrong',
          body: html`<h1>Something went wrong</h1><p role="alert" class="error">${wire.toJSON().error_description}</p><p class="muted">Error code: <code>${wire.error}</code></p>`,
        });
      } else {
        ctx.body = wire.toJSON();
      }
    }
  };
}
