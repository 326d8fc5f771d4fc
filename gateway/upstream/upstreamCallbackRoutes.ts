/**
 * The gateway's one OAuth callback for every upstream vendor: `/upstream/oauth/callback`. The
 * `state` finds the pending authorization; it is honoured only in the browser that started it —
 * during consent, the browser must still hold that gateway interaction for the same user; from the
 * portal, it must be signed in as that user (UP-02). The user lands back where they started, with
 * the outcome on the connector's row — except a portal connection refused for its RFC 9207 `iss`,
 * which this page explains itself (what happened, what to do).
 *
 * Next to it, `/upstream/oauth/client-metadata.json`: the gateway's Client ID Metadata Document,
 * whose URL is its client_id at upstreams that support them (oauthClientMetadata.ts). The gateway's
 * issuer is its public URL, so the document names the same callback the resolver sends.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { html } from '../../web/html.ts';
import { page } from '../http/page.ts';
import type { ConsentHandlers } from '../interactions/consentRoutes.ts';
import type { UserSessions } from '../portal/userSessions.ts';
import type { PendingUpstreamAuthorization } from '../store/store.ts';
import type { ConnectionService } from './connectionService.ts';
import { clientMetadataDocument, UPSTREAM_CLIENT_METADATA_PATH } from './oauthClientMetadata.ts';

export const UPSTREAM_CALLBACK_PATH = '/upstream/oauth/callback';

export interface UpstreamCallbackDeps {
  readonly provider: Provider;
  readonly sessions: UserSessions;
  readonly connections: ConnectionService;
  readonly consent: ConsentHandlers;
  readonly portalConnectionsPath: string;
}

export function upstreamCallbackRoutes({ provider, sessions, connections, consent, portalConnectionsPath }: UpstreamCallbackDeps): Router {
  const router = new Router();

  const ownedBy = (ctx: Context) => async (pending: PendingUpstreamAuthorization) => {
    if (pending.interactionUid) {
      try {
        const details = await provider.interactionDetails(ctx.req, ctx.res);
        return details.uid === pending.interactionUid && details.session?.accountId === pending.accountId;
      } catch {
        return false;
      }
    }
    return (await sessions.current(ctx))?.user.id === pending.accountId;
  };

  router.get(UPSTREAM_CLIENT_METADATA_PATH, (ctx) => {
    ctx.set('cache-control', 'public, max-age=300');
    ctx.body = clientMetadataDocument(`${provider.issuer}${UPSTREAM_CALLBACK_PATH}`);
  });

  router.get(UPSTREAM_CALLBACK_PATH, async (ctx) => {
    const result = await connections.finishOAuth(new URLSearchParams(ctx.querystring), ownedBy(ctx));
    const pending = result.pending;
    const connector = result.connector;
    if (pending && connector && pending.interactionUid) {
      await consent.noteUpstreamResult(pending.interactionUid, pending.accountId, connector.id, result.ok ? { kind: 'success', text: `${connector.displayName} is connected.` } : { kind: 'error', text: result.message });
      ctx.status = 303;
      return ctx.redirect(`/interaction/${encodeURIComponent(pending.interactionUid)}#connector-${connector.id}`);
    }
    // A refused `iss` is explained right here: the portal's one-word outcome could not say what happened.
    const explainHere = !result.ok && result.outcome?.startsWith('issuer_') === true;
    if (pending && connector && !pending.interactionUid && !explainHere) {
      const outcome = result.ok ? 'connected' : 'failed';
      ctx.status = 303;
      // Only an id and an outcome travel in the URL: the page words them itself (no reflected text).
      return ctx.redirect(`${portalConnectionsPath}?connector=${encodeURIComponent(connector.id)}&result=${outcome}#connector-${connector.id}`);
    }
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = page({
      title: 'Connection not completed',
      body: html`<h1>The connection was not completed</h1><p role="alert" class="error">${result.ok ? '' : result.message}</p><p><a href="${portalConnectionsPath}">Go to your connections</a></p>`,
    });
  });

  return router;
}
