/**
 * ChatGPT's routes: the settings pages and forms, the OAuth callback at the real redirect URI, and
 * each app's Client ID Metadata Document (which the gateway fetches server-side, so it answers any
 * caller, not only the app owner's browser).
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { ConnectionFlow } from '../core/connections/connectionFlow.ts';
import type { ConnectionStore, ServerConnection } from '../core/connections/connection.ts';
import { checkServerName, checkServerUrl } from '../core/connections/serverForm.ts';
import { checkServerRevision, REVISION_FIELD } from '../core/connections/revisionField.ts';
import { asFlowFailure, errorText, invalidInput } from '../core/flowFailure.ts';
import type { BrowserAccounts } from '../core/http/browserAccounts.ts';
import { HttpError } from '../core/http/httpError.ts';
import { seeOther, sendPage as page } from '../core/http/responses.ts';
import { readForm } from '../core/http/requestBody.ts';
import { callToolFromForm, refreshTools } from '../core/http/toolActions.ts';
import { CHATGPT_SCRIPT } from './browserScript.ts';
import { callToolWithWidget, lastWidget } from './toolWidget.ts';
import { chatgptErrorTexts } from './errorTexts.ts';
import { advancedSettingsPage, appPage, appsPage, callbackErrorPage, CHATGPT_SCRIPT_PATH, createAppPage, generalSettingsPage, homePage, type CreateFormValues } from './pages.ts';
import { CHATGPT_CALLBACK_PREFIX, CHATGPT_LEGACY_CALLBACK, CHATGPT_METADATA_PREFIX, CHATGPT_ORIGIN, chatgptClientMetadataDocument } from './profile.ts';
import type { TrafficLog } from '../core/traffic/trafficLog.ts';

export interface ChatgptAccount {
  developerMode: boolean;
}

export interface ChatgptDeps {
  readonly accounts: BrowserAccounts<ChatgptAccount>;
  readonly apps: ConnectionStore;
  readonly flow: ConnectionFlow;
  readonly log: TrafficLog;
}


export function chatgptRoutes({ accounts, apps, flow, log }: ChatgptDeps): Router {
  const router = new Router();
  const ownApp = (ctx: Context): { accountId: string; app: ServerConnection } => {
    const { id: accountId } = accounts.current(ctx);
    const app = apps.get(accountId, String(ctx.params.id));
    if (!app) throw new HttpError(404, 'This app does not exist.');
    return { accountId, app };
  };

  router.get('/', (ctx) => page(ctx, homePage()));
  router.get(CHATGPT_SCRIPT_PATH, (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = CHATGPT_SCRIPT;
  });
  router.get('/settings', (ctx) => seeOther(ctx, '/settings/general'));
  router.get('/settings/general', (ctx) => page(ctx, generalSettingsPage()));
  router.get('/settings/apps', (ctx) => {
    const { id, state } = accounts.current(ctx);
    page(ctx, appsPage(apps.list(id), state.developerMode));
  });
  router.get('/settings/apps/advanced', (ctx) => page(ctx, advancedSettingsPage(accounts.current(ctx).state.developerMode)));
  router.post('/settings/apps/advanced', async (ctx) => {
    const form = await readForm(ctx);
    const wanted = form.get('developer_mode');
    if (wanted !== 'on' && wanted !== 'off') throw new HttpError(400, 'developer_mode must be on or off');
    accounts.current(ctx).state.developerMode = wanted === 'on';
    seeOther(ctx, '/settings/apps/advanced');
  });

  router.get('/settings/apps/create', (ctx) => {
    if (!accounts.current(ctx).state.developerMode) return seeOther(ctx, '/settings/apps');
    page(ctx, createAppPage());
  });
  router.post('/settings/apps/create', async (ctx) => {
    const { id: accountId, state } = accounts.current(ctx);
    if (!state.developerMode) throw new HttpError(403, 'Turn on Developer mode in Advanced settings to create apps.');
    const form = await readForm(ctx);
    const values: CreateFormValues = { name: form.get('name') ?? '', url: form.get('url') ?? '', authentication: form.get('authentication') === 'none' ? 'none' : 'oauth', revision: checkServerRevision(form.get(REVISION_FIELD)) };
    let fields: { name: string; mcpUrl: string };
    try {
      fields = { name: checkServerName(values.name), mcpUrl: checkServerUrl(values.url) };
      if (form.get('acknowledged') !== 'yes') throw invalidInput('acknowledgement-required', 'the risk acknowledgement is required');
    } catch (error) {
      return page(ctx, createAppPage(values, errorText(chatgptErrorTexts, asFlowFailure(error, 'invalid-input'))), 400);
    }
    const app = apps.create(accountId, { ...fields, authentication: values.authentication, revision: values.revision });
    try {
      const outcome = await flow.connect(app);
      seeOther(ctx, outcome.kind === 'redirect' ? outcome.url : `/settings/apps/${app.id}`);
    } catch (error) {
      // As in ChatGPT, an app whose OAuth configuration cannot be fetched is not created.
      apps.delete(accountId, app.id);
      page(ctx, createAppPage(values, errorText(chatgptErrorTexts, asFlowFailure(error, 'server-unreachable'), values.name)));
    }
  });

  router.get('/settings/apps/:id', (ctx) => {
    const { app } = ownApp(ctx);
    page(ctx, appPage(app, lastWidget(app)));
  });
  router.post('/settings/apps/:id/refresh', async (ctx) => {
    const { app } = ownApp(ctx);
    await refreshTools(flow, app);
    seeOther(ctx, `/settings/apps/${app.id}`);
  });
  router.post('/settings/apps/:id/connect', async (ctx) => {
    const { app } = ownApp(ctx);
    const outcome = await flow.connect(app).catch(() => undefined);
    seeOther(ctx, outcome?.kind === 'redirect' ? outcome.url : `/settings/apps/${app.id}`);
  });
  router.post('/settings/apps/:id/call', async (ctx) => {
    const { app } = ownApp(ctx);
    await callToolFromForm(ctx, flow, app, chatgptErrorTexts, (tool, argumentsText) => callToolWithWidget(flow, app, tool, argumentsText));
    seeOther(ctx, `/settings/apps/${app.id}`);
  });
  router.post('/settings/apps/:id/delete', (ctx) => {
    const { accountId, app } = ownApp(ctx);
    apps.delete(accountId, app.id);
    seeOther(ctx, '/settings/apps');
  });

  // CLIENT-CHATGPT-01: the real redirect URI (and the legacy one, which carries no callback id).
  const callback = async (ctx: Context, callbackId: string | undefined) => {
    const { connection, failure } = await flow.complete(accounts.current(ctx).id, ctx.href, callbackId);
    // Tied to an app: its page shows the outcome. Otherwise there is nothing to go back to.
    if (connection) return seeOther(ctx, `/settings/apps/${connection.id}`);
    page(ctx, callbackErrorPage(errorText(chatgptErrorTexts, failure ?? 'authorization-callback-invalid')), 400);
  };
  router.get(`${CHATGPT_CALLBACK_PREFIX}:callbackId`, (ctx) => callback(ctx, String(ctx.params.callbackId)));
  router.get(CHATGPT_LEGACY_CALLBACK, (ctx) => callback(ctx, undefined));

  router.get(`${CHATGPT_METADATA_PREFIX}:file`, (ctx) => {
    const startedAt = Date.now();
    const callbackId = /^(cb_[\w-]+)\.json$/.exec(String(ctx.params.file))?.[1];
    const app = callbackId ? apps.byCallbackId(callbackId) : undefined;
    const document = app ? chatgptClientMetadataDocument(app) : undefined;
    // AS-06 checks want to know the gateway did fetch the document (and what it got).
    log.record('chatgpt', 'backend', {
      connectionId: app?.id ?? 'unknown',
      phase: 'registration',
      kind: 'document-served',
      method: ctx.method,
      url: `${CHATGPT_ORIGIN}${ctx.url}`,
      requestHeaders: { ...(ctx.get('user-agent') ? { 'user-agent': ctx.get('user-agent') } : {}), ...(ctx.get('accept') ? { accept: ctx.get('accept') } : {}) },
      status: document ? 200 : 404,
      responseHeaders: document ? { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' } : {},
      ...(document ? { responseBody: JSON.stringify(document) } : {}),
      startedAt,
    });
    if (!document) throw new HttpError(404, 'no such client metadata document');
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = document;
  });
  return router;
}
