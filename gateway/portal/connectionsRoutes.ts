/**
 * Routes of the portal's Connections page:
 *   GET  /portal/connections
 *   POST /portal/connections/:id/api-key | /oauth | /disconnect
 *   POST /portal/clients/tools   (which connectors a client may use, and whether tools may ask it for
 *                                 elicitation or sampling; list_changed goes out)
 *   POST /portal/clients/revoke  (ends the client's grant: tokens, refresh tokens, tool grants)
 * Disconnect and Revoke access ask first: the page's buttons post `confirm=ask` and get a
 * confirmation page; its button posts `confirm=yes`. A post without `confirm` (scripts, tests)
 * acts at once — the CSRF token already proves it came from this user's page. After each change
 * the page comes back with a success message (only ids travel in the URL; the page words them).
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { AuditLog } from '../audit/auditLog.ts';
import type { Catalog } from '../connectors/catalog.ts';
import { InvalidRequest, NotFound } from '../errors/wireErrors.ts';
import type { Csrf } from '../http/csrf.ts';
import { readForm } from '../http/formBody.ts';
import { page } from '../http/page.ts';
import type { SessionSharing } from '../mcp/sessionSharing.ts';
import type { ToolListNotifier } from '../tools/toolListNotifier.ts';
import type { GatewayStore } from '../store/store.ts';
import type { ConnectionService } from '../upstream/connectionService.ts';
import { connectionStatus, needsNoCredential } from '../upstream/connectionStatus.ts';
import { confirmPage } from './confirmPages.ts';
import { connectionsPage, type ConnectionsView } from './connectionsPage.ts';
import { resultNotice } from './resultNotice.ts';
import type { UserSessions } from './userSessions.ts';

export const CONNECTIONS_PATH = '/portal/connections';

export interface ConnectionsDeps {
  readonly provider: Provider;
  readonly store: GatewayStore;
  readonly catalog: Catalog;
  readonly sessions: UserSessions;
  readonly csrf: Csrf;
  readonly connections: ConnectionService;
  readonly notifier: ToolListNotifier;
  /** Revoking a client ends its MCP sessions on every replica. */
  readonly mcpSessions: SessionSharing;
  readonly audit: AuditLog;
}

export function connectionsRoutes(deps: ConnectionsDeps): Router {
  const { provider, store, catalog, sessions, csrf } = deps;
  const router = new Router();

  const signedIn = async (ctx: Context) => {
    const current = await sessions.current(ctx);
    if (!current) {
      ctx.redirect('/portal/sign-in');
      return undefined;
    }
    return current;
  };
  const purpose = (binding: string, what: string) => `${what}@${binding}`;
  /** The name a client registered, or its id when it gave none (or no longer exists). */
  const clientName = async (clientId: string) => (await provider.Client.find(clientId).catch(() => undefined))?.clientName ?? clientId;

  const render = async (ctx: Context, accountId: string, binding: string, notice?: ConnectionsView['notice']) => {
    const user = await store.directory.findById(accountId);
    const [connections, approvals, grants] = await Promise.all([
      store.connections.listForAccount(accountId),
      store.approvals.listForAccount(accountId),
      store.toolGrants.listForAccount(accountId),
    ]);
    const connectionOf = new Map(connections.map((c) => [c.connectorId, c]));
    const clients = await Promise.all(
      approvals.map(async (approval) => {
        const mine = grants.filter((g) => g.clientId === approval.clientId);
        return {
          clientId: approval.clientId,
          name: await clientName(approval.clientId),
          approvedAt: approval.approvedAt,
          permissions: approval.permissions,
          connectors: catalog.connectors.map((connector) => {
            const grant = mine.find((g) => g.connectorId === connector.id);
            return { id: connector.id, displayName: connector.displayName, granted: grant !== undefined, tools: grant?.tools, prompts: grant?.prompts, resources: grant?.resources };
          }),
        };
      }),
    );
    ctx.type = 'html';
    ctx.body = page({
      title: 'Connections',
      user,
      signOut: { action: '/portal/sign-out', csrf: csrf.token(ctx, `portal:sign-out:${binding}`) },
      body: connectionsPage({
        csrf: (what) => csrf.token(ctx, purpose(binding, what)),
        notice,
        clients,
        connections: catalog.connectors.map((connector) => {
          const connection = connectionOf.get(connector.id);
          return {
            id: connector.id,
            displayName: connector.displayName,
            status: connectionStatus(connector, connection),
            method: connection?.method,
            scopes: connection?.scopes ?? [],
            connectedAt: connection?.connectedAt,
            lastUsedAt: connection?.lastUsedAt,
            expiresAt: connection?.expiresAt,
            offers: {
              apiKey: connector.auth.apiKey && {
                docsUrl: connector.auth.apiKey.docsUrl,
                placeholder: connector.auth.apiKey.placeholder,
                needsUsername: connector.auth.apiKey.scheme === 'basic-email-token',
                usernameDefault: user?.email ?? '',
              },
              oauth: connector.auth.oauth !== undefined,
            },
          };
        }),
      }),
    });
  };

  const connectorFrom = (ctx: Context) => {
    const connector = catalog.byId(String(ctx.params.id));
    if (!connector) throw new NotFound('no such connector');
    return connector;
  };
  const back = (ctx: Context, query = '') => {
    ctx.status = 303;
    ctx.redirect(`${CONNECTIONS_PATH}${query}`);
  };

  router.get(CONNECTIONS_PATH, async (ctx) => {
    const current = await signedIn(ctx);
    if (!current) return;
    const connector = catalog.byId(String(ctx.query.connector ?? ''));
    const clientId = typeof ctx.query.client === 'string' ? ctx.query.client : undefined;
    const name = clientId ? await clientName(clientId) : undefined;
    await render(ctx, current.user.id, current.binding, resultNotice(String(ctx.query.result ?? ''), connector?.displayName, name));
  });

  const confirm = (ctx: Context, title: string, body: Parameters<typeof confirmPage>[0], user: { name: string; email: string }) => {
    ctx.type = 'html';
    ctx.body = page({ title, user, body: confirmPage(body) });
  };

  router.post(`${CONNECTIONS_PATH}/:id/api-key`, async (ctx) => {
    const current = await signedIn(ctx);
    if (!current) return;
    const connector = connectorFrom(ctx);
    const form = await readForm(ctx);
    csrf.verify(ctx, purpose(current.binding, `portal:connect:${connector.id}`), form.get('csrf'));
    const check = await deps.connections.saveApiKey(current.user.id, connector, form.get('api_key') ?? '', form.get('api_user') ?? undefined);
    if (!check.ok) {
      ctx.status = 400;
      return render(ctx, current.user.id, current.binding, { kind: 'error', text: check.message });
    }
    back(ctx, `?connector=${connector.id}&result=connected`);
  });

  router.post(`${CONNECTIONS_PATH}/:id/oauth`, async (ctx) => {
    const current = await signedIn(ctx);
    if (!current) return;
    const connector = connectorFrom(ctx);
    const form = await readForm(ctx);
    csrf.verify(ctx, purpose(current.binding, `portal:connect:${connector.id}`), form.get('csrf'));
    if (!connector.auth.oauth) throw new InvalidRequest(`${connector.displayName} offers no OAuth`);
    const url = await deps.connections.beginOAuth(current.user.id, connector, { returnTo: CONNECTIONS_PATH });
    ctx.status = 303;
    ctx.redirect(url);
  });

  router.post(`${CONNECTIONS_PATH}/:id/disconnect`, async (ctx) => {
    const current = await signedIn(ctx);
    if (!current) return;
    const connector = connectorFrom(ctx);
    const form = await readForm(ctx);
    csrf.verify(ctx, purpose(current.binding, `portal:disconnect:${connector.id}`), form.get('csrf'));
    if (needsNoCredential(connector)) throw new InvalidRequest(`${connector.displayName} needs no sign-in: there is no connection to remove`);
    if (form.get('confirm') === 'ask') {
      return confirm(ctx, `Disconnect ${connector.displayName}?`, {
        heading: `Disconnect ${connector.displayName}?`,
        consequence: `The gateway forgets your ${connector.displayName} credential. The AI clients you authorized lose ${connector.displayName}'s tools until you connect it again.`,
        action: `${CONNECTIONS_PATH}/${connector.id}/disconnect`,
        csrf: form.get('csrf') ?? '',
        confirmLabel: `Yes, disconnect ${connector.displayName}`,
        backTo: `${CONNECTIONS_PATH}#connector-${connector.id}`,
      }, current.user);
    }
    await deps.connections.disconnect(current.user.id, connector.id);
    back(ctx, `?connector=${encodeURIComponent(connector.id)}&result=disconnected`);
  });

  router.post('/portal/clients/tools', async (ctx) => {
    const current = await signedIn(ctx);
    if (!current) return;
    const form = await readForm(ctx);
    const clientId = form.get('client_id') ?? '';
    csrf.verify(ctx, purpose(current.binding, `portal:client:${clientId}`), form.get('csrf'));
    if (!(await store.approvals.find(current.user.id, clientId))) throw new NotFound('you have not authorized this client');
    const existing = await store.toolGrants.listForClient(current.user.id, clientId);
    const chosen = form.getAll('connectors').filter((id) => catalog.byId(id));
    // A connector kept keeps the tools, prompts and resources chosen for it; one added gets all of them.
    const grants = chosen.map((connectorId) => {
      const kept = existing.find((g) => g.connectorId === connectorId);
      return { connectorId, tools: kept?.tools ?? ('*' as const), prompts: kept?.prompts ?? ('*' as const), resources: kept?.resources ?? ('*' as const) };
    });
    await store.toolGrants.replaceForClient(current.user.id, clientId, grants, Date.now());
    // An unticked box posts nothing: the marker says the boxes were on the page.
    const permissions = form.get('permissions-shown') === '1' ? { elicitation: form.get('allow-elicitation') === '1', sampling: form.get('allow-sampling') === '1' } : undefined;
    if (permissions) await store.approvals.setPermissions(current.user.id, clientId, permissions);
    await deps.audit.record({ event: 'tools.granted', accountId: current.user.id, clientId, outcome: 'ok', detail: { connectors: chosen, permissions: permissions ?? 'unchanged' } });
    await deps.notifier.toolsChanged(current.user.id, clientId);
    back(ctx, `?client=${encodeURIComponent(clientId)}&result=tools-saved`);
  });

  router.post('/portal/clients/revoke', async (ctx) => {
    const current = await signedIn(ctx);
    if (!current) return;
    const form = await readForm(ctx);
    const clientId = form.get('client_id') ?? '';
    csrf.verify(ctx, purpose(current.binding, `portal:client:${clientId}`), form.get('csrf'));
    const approval = await store.approvals.find(current.user.id, clientId);
    if (approval && form.get('confirm') === 'ask') {
      const name = await clientName(clientId);
      return confirm(ctx, `Revoke access for ${name}?`, {
        heading: `Revoke access for ${name}?`,
        consequence: `${name} is signed out at once: its tokens stop working and it can no longer use any of your tools. To use it again, connect it from ${name} and authorize it again.`,
        action: '/portal/clients/revoke',
        csrf: form.get('csrf') ?? '',
        confirmLabel: 'Yes, revoke access',
        backTo: CONNECTIONS_PATH,
        fields: { client_id: clientId },
      }, current.user);
    }
    if (approval) {
      for (const model of ['RefreshToken', 'AuthorizationCode', 'AccessToken']) await store.oidc.revokeByGrantId(model, approval.grantId);
      await store.oidc.destroy('Grant', approval.grantId);
      await store.approvals.revoke(current.user.id, clientId);
      await store.toolGrants.deleteForClient(current.user.id, clientId);
      await deps.mcpSessions.endForClient(current.user.id, clientId);
      await deps.audit.record({ event: 'client.revoked', accountId: current.user.id, clientId, outcome: 'ok' });
    }
    back(ctx, `?client=${encodeURIComponent(clientId)}&result=revoked`);
  });

  return router;
}
