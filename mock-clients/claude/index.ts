/** The Claude look-alike as a Koa app: its connectors, their connection flow, the pages. */
import type Koa from 'koa';
import { ConnectionStore } from '../core/connections/connection.ts';
import { ConnectionFlow } from '../core/connections/connectionFlow.ts';
import { BrowserAccounts } from '../core/http/browserAccounts.ts';
import { createClientApp } from '../core/http/clientApp.ts';
import type { TrafficLog } from '../core/traffic/trafficLog.ts';
import { CLAUDE_BRAND } from './pages.ts';
import { claudePolicy } from './profile.ts';
import { claudeRoutes } from './routes.ts';

export { claudeInfo } from './profile.ts';
export { claudeErrorTexts } from './errorTexts.ts';

export function createClaudeApp(log: TrafficLog): Koa {
  const connectors = new ConnectionStore('conn_');
  const flow = new ConnectionFlow(claudePolicy, connectors, log);
  const accounts = new BrowserAccounts<object>(() => ({}));
  const app = createClientApp(CLAUDE_BRAND);
  const router = claudeRoutes({ accounts, connectors, flow });
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
