/**
 * The few static files the gateway's pages load (same-origin scripts only: the CSP allows
 * `script-src 'self'`, never inline script). Read once at start-up.
 */
import { readFileSync } from 'node:fs';
import Router from '@koa/router';

const ASSETS: Record<string, { file: string; type: string }> = {
  '/assets/consent.js': { file: 'consent.js', type: 'application/javascript; charset=utf-8' },
};

export function staticAssetRoutes(): Router {
  const router = new Router();
  for (const [path, asset] of Object.entries(ASSETS)) {
    const body = readFileSync(new URL(`./assets/${asset.file}`, import.meta.url));
    router.get(path, (ctx) => {
      ctx.type = asset.type;
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.body = body;
    });
  }
  return router;
}
