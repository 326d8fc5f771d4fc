/** Claude's routes: settings pages, the connector forms, and the OAuth callback at the real redirect URI. */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { ConnectionFlow } from '../core/connections/connectionFlow.ts';
import type { ConnectionStore, ServerConnection } from '../core/connections/connection.ts';
import { checkServerName, checkServerUrl } from '../core/connections/serverForm.ts';
import { checkServerRevision, REVISION_FIELD } from '../core/connections/revisionField.ts';
import { asFlowFailure, errorText } from '../core/flowFailure.ts';
import type { BrowserAccounts } from '../core/http/browserAccounts.ts';
import { HttpError } from '../core/http/httpError.ts';
import { seeOther, sendPage as page } from '../core/http/responses.ts';
import { readForm } from '../core/http/requestBody.ts';
import { callToolFromForm, refreshTools } from '../core/http/toolActions.ts';
import { forgetConnectorPrompts, listConnectorPrompts, promptsOf, useConnectorPrompt } from './connectorPrompts.ts';
import { claudeErrorTexts } from './errorTexts.ts';
import { addConnectorPage, callbackErrorPage, connectorPage, connectorsPage, homePage, profilePage } from './pages.ts';
import { CLAUDE_CALLBACK_PATH } from './profile.ts';
import { ARGUMENT_FIELD_PREFIX, promptPanel } from './promptPanel.ts';

export interface ClaudeDeps {
  readonly accounts: BrowserAccounts<object>;
  readonly connectors: ConnectionStore;
  readonly flow: ConnectionFlow;
}


export function claudeRoutes({ accounts, connectors, flow }: ClaudeDeps): Router {
  const router = new Router();
  const own = (ctx: Context): { accountId: string; connector: ServerConnection } => {
    const { id: accountId } = accounts.current(ctx);
    const connector = connectors.get(accountId, String(ctx.params.id));
    if (!connector) throw new HttpError(404, 'This connector does not exist.');
    return { accountId, connector };
  };
  const back = (ctx: Context, connector: ServerConnection) => seeOther(ctx, `/settings/connectors/${connector.id}`);

  router.get('/', (ctx) => page(ctx, homePage()));
  router.get('/settings', (ctx) => seeOther(ctx, '/settings/profile'));
  router.get('/settings/profile', (ctx) => page(ctx, profilePage()));
  router.get('/settings/connectors', (ctx) => page(ctx, connectorsPage(connectors.list(accounts.current(ctx).id))));
  router.get('/settings/connectors/new', (ctx) => page(ctx, addConnectorPage()));
  router.post('/settings/connectors/new', async (ctx) => {
    const { id: accountId } = accounts.current(ctx);
    const form = await readForm(ctx);
    const values = { name: form.get('name') ?? '', url: form.get('url') ?? '', revision: checkServerRevision(form.get(REVISION_FIELD)) };
    try {
      connectors.create(accountId, { name: checkServerName(values.name), mcpUrl: checkServerUrl(values.url), authentication: 'oauth', revision: values.revision });
    } catch (error) {
      return page(ctx, addConnectorPage(values, errorText(claudeErrorTexts, asFlowFailure(error, 'invalid-input'))), 400);
    }
    seeOther(ctx, '/settings/connectors');
  });

  router.get('/settings/connectors/:id', (ctx) => {
    const { connector } = own(ctx);
    const chosen = typeof ctx.query.prompt === 'string' ? ctx.query.prompt : undefined;
    page(ctx, connectorPage(connector, promptPanel(connector, promptsOf(connector), chosen)));
  });
  router.post('/settings/connectors/:id/connect', async (ctx) => {
    const { connector } = own(ctx);
    const outcome = await flow.connect(connector).catch(() => undefined);
    if (outcome?.kind === 'redirect') return seeOther(ctx, outcome.url);
    // A failure is shown on the Connectors list, where Connect was pressed.
    seeOther(ctx, outcome ? `/settings/connectors/${connector.id}` : '/settings/connectors');
  });
  router.post('/settings/connectors/:id/refresh', async (ctx) => {
    const { connector } = own(ctx);
    await refreshTools(flow, connector);
    back(ctx, connector);
  });
  router.post('/settings/connectors/:id/call', async (ctx) => {
    const { connector } = own(ctx);
    await callToolFromForm(ctx, flow, connector, claudeErrorTexts);
    back(ctx, connector);
  });
  router.post('/settings/connectors/:id/prompts', async (ctx) => {
    const { connector } = own(ctx);
    await listConnectorPrompts(flow, connector);
    seeOther(ctx, `/settings/connectors/${connector.id}#prompts-heading`);
  });
  router.post('/settings/connectors/:id/prompts/use', async (ctx) => {
    const { connector } = own(ctx);
    const form = await readForm(ctx);
    const name = form.get('prompt') ?? '';
    const values = Object.fromEntries([...form.entries()].filter(([field]) => field.startsWith(ARGUMENT_FIELD_PREFIX)).map(([field, value]) => [field.slice(ARGUMENT_FIELD_PREFIX.length), value]));
    await useConnectorPrompt(flow, connector, name, values);
    seeOther(ctx, `/settings/connectors/${connector.id}?${new URLSearchParams({ prompt: name })}#prompt-result-heading`);
  });
  router.post('/settings/connectors/:id/disconnect', (ctx) => {
    const { connector } = own(ctx);
    connector.tokens = undefined;
    connector.tools = [];
    connector.lastCall = undefined;
    forgetConnectorPrompts(connector);
    connector.failure = undefined;
    connector.status = 'not-connected';
    seeOther(ctx, '/settings/connectors');
  });
  router.post('/settings/connectors/:id/remove', (ctx) => {
    const { accountId, connector } = own(ctx);
    connectors.delete(accountId, connector.id);
    seeOther(ctx, '/settings/connectors');
  });

  // CLIENT-CLAUDE-01: the real redirect URI.
  router.get(CLAUDE_CALLBACK_PATH, async (ctx) => {
    const { connection, failure } = await flow.complete(accounts.current(ctx).id, ctx.href);
    if (connection) return back(ctx, connection);
    page(ctx, callbackErrorPage(errorText(claudeErrorTexts, failure ?? 'authorization-callback-invalid')), 400);
  });
  return router;
}
