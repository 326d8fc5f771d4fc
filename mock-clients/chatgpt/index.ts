/** The ChatGPT look-alike as a Koa app: its apps, their connection flow, the pages. */
import type Koa from 'koa';
import { ConnectionStore } from '../core/connections/connection.ts';
import { ConnectionFlow } from '../core/connections/connectionFlow.ts';
import { BrowserAccounts } from '../core/http/browserAccounts.ts';
import { createClientApp } from '../core/http/clientApp.ts';
import type { TrafficLog } from '../core/traffic/trafficLog.ts';
import { CHATGPT_BRAND } from './pages.ts';
import { chatgptPolicy } from './profile.ts';
import { chatgptRoutes, type ChatgptAccount } from './routes.ts';

export { chatgptInfo } from './profile.ts';
export { chatgptErrorTexts } from './errorTexts.ts';

export function createChatgptApp(log: TrafficLog): Koa {
  const apps = new ConnectionStore('app_');
  const flow = new ConnectionFlow(chatgptPolicy, apps, log);
  const accounts = new BrowserAccounts<ChatgptAccount>(() => ({ developerMode: false }));
  const app = createClientApp(CHATGPT_BRAND);
  const router = chatgptRoutes({ accounts, apps, flow, log });
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
