/** The MCP Inspector look-alike as a Koa app (its page script bundled first). */
import type Koa from 'koa';
import { createClientApp } from '../core/http/clientApp.ts';
import type { TrafficLog } from '../core/traffic/trafficLog.ts';
import { inspectorBundle } from './pageBundle.ts';
import { INSPECTOR_BRAND } from './pages.ts';
import { inspectorRoutes } from './routes.ts';

export { inspectorInfo } from './profile.ts';
export { inspectorErrorTexts } from './errorTexts.ts';

export async function createInspectorApp(log: TrafficLog): Promise<Koa> {
  const app = createClientApp(INSPECTOR_BRAND);
  const router = inspectorRoutes(log, await inspectorBundle());
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
