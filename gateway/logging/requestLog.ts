/** One access-log line per request: method, path (query dropped: it can carry codes), status, ms. */
import type { Middleware } from 'koa';
import type { Logger } from './logger.ts';

export function requestLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      logger.debug('http.request', {
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round(performance.now() - started),
      });
    }
  };
}
