/**
 * The Inspector back end is small, as the real one is in direct mode: it serves the page (also at
 * the OAuth callback paths) and its script, and receives the page's traffic reports.
 */
import Router from '@koa/router';
import type { TrafficLog } from '../core/traffic/trafficLog.ts';
import { HttpError } from '../core/http/httpError.ts';
import { readJson } from '../core/http/requestBody.ts';
import { inspectorPage } from './pages.ts';
import { INSPECTOR_CALLBACK_PATH, INSPECTOR_DEBUG_CALLBACK_PATH, INSPECTOR_SCRIPT_PATH, INSPECTOR_TRAFFIC_PATH } from './profile.ts';
import { TRAFFIC_REPORT_LIMIT_BYTES, trafficReportSchema } from './trafficReport.ts';

export function inspectorRoutes(log: TrafficLog, script: string): Router {
  const router = new Router();
  const page = inspectorPage();
  for (const path of ['/', INSPECTOR_CALLBACK_PATH, INSPECTOR_DEBUG_CALLBACK_PATH]) {
    router.get(path, (ctx) => {
      ctx.type = 'html';
      ctx.body = page;
    });
  }
  router.get(INSPECTOR_SCRIPT_PATH, (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = script;
  });
  router.post(INSPECTOR_TRAFFIC_PATH, async (ctx) => {
    const parsed = trafficReportSchema.safeParse(await readJson(ctx, TRAFFIC_REPORT_LIMIT_BYTES));
    if (!parsed.success) throw new HttpError(400, `invalid traffic report: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
    for (const exchange of parsed.data.exchanges) log.record('inspector', 'browser', exchange);
    ctx.status = 204;
  });
  return router;
}
