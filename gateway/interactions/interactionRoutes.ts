/**
 * The OAuth interaction pages oidc-provider sends the browser to (`/interaction/:uid`):
 *   login   — the directory sign-in (skipped when the portal session already knows the user,
 *             unless the client asked for prompt=login)
 *   consent — "Authorize Tool Access for <client>" (consentPage.ts); Authorize records the grant and
 *             the per-user approval (AS-08); Cancel returns `access_denied` to the client.
 * Every POST checks a CSRF token bound to this interaction and client.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { SignInService } from '../directory/signIn.ts';
import { InvalidRequest } from '../errors/wireErrors.ts';
import type { Csrf } from '../http/csrf.ts';
import { readForm } from '../http/formBody.ts';
import { cspSourceFor } from '../http/securityHeaders.ts';
import { html, page } from '../http/html.ts';
import type { Logger } from '../logging/logger.ts';
import { INTERACTION_PATH } from '../oauth/createProvider.ts';
import { isLoopbackRedirect } from '../oauth/loopbackRedirects.ts';
import { signInErrorText, signInForm } from '../portal/signInForm.ts';
import type { UserSessions } from '../portal/userSessions.ts';
import type { GatewayStore } from '../store/store.ts';
import { consentPage } from './consentPage.ts';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface GatewayToolSummary {
  readonly name: string;
  readonly description: string;
}

export interface InteractionDeps {
  readonly provider: Provider;
  readonly store: GatewayStore;
  readonly sessions: UserSessions;
  readonly signIn: SignInService;
  readonly csrf: Csrf;
  readonly logger: Logger;
  /** The tools the consent page lists. */
  readonly tools: () => readonly GatewayToolSummary[];
}

const loginPurpose = (uid: string) => `interaction:login:${uid}`;
const consentPurpose = (uid: string, clientId: string) => `interaction:consent:${uid}:${clientId}`;

export function interactionRoutes({ provider, store, sessions, signIn, csrf, logger, tools }: InteractionDeps): Router {
  const router = new Router({ prefix: INTERACTION_PATH });

  /** Loads the interaction this browser is in and checks it is the one in the URL. */
  const load = async (ctx: Context): Promise<Details> => {
    let details: Details;
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res);
    } catch {
      throw new InvalidRequest('this sign-in request has expired or was opened in another browser; go back to your AI client and connect again');
    }
    if (details.uid !== ctx.params.uid) {
      throw new InvalidRequest('this sign-in request is no longer the current one; go back to your AI client and connect again');
    }
    // The forms on these pages end, after redirects, at the client's redirect URI.
    const clientSource = cspSourceFor(String(details.params.redirect_uri ?? ''));
    if (clientSource) ctx.state.formActionSources = [clientSource];
    return details;
  };

  const finish = async (ctx: Context, result: InteractionResults) => {
    const redirectTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
    ctx.status = 303;
    ctx.redirect(redirectTo);
  };

  const clientNameOf = async (clientId: string) => {
    const client = await provider.Client.find(clientId);
    return { client, name: client?.clientName ?? clientId };
  };

  const renderLogin = async (ctx: Context, details: Details, email?: string, error?: string) => {
    const { name } = await clientNameOf(String(details.params.client_id));
    ctx.type = 'html';
    ctx.body = page({
      title: 'Sign in',
      body: signInForm({
        action: `${INTERACTION_PATH}/${details.uid}/login`,
        csrf: csrf.token(ctx, loginPurpose(details.uid)),
        email,
        error,
        context: html`<p><strong>${name}</strong> wants to connect to your tools through Gangway. Sign in to continue.</p>`,
      }),
    });
  };

  const renderConsent = async (ctx: Context, details: Details) => {
    const clientId = String(details.params.client_id);
    const { client, name } = await clientNameOf(clientId);
    const redirectUri = String(details.params.redirect_uri);
    const user = details.session?.accountId ? await store.directory.findById(details.session.accountId) : undefined;
    const requested = new Set(String(details.params.scope ?? '').split(' ').filter(Boolean));
    // The gateway issues refresh tokens to any client allowed the grant (createProvider.ts), so the
    // user is told the client stays connected even when offline_access itself was not requested.
    if (client?.grantTypeAllowed('refresh_token')) requested.add('offline_access');
    ctx.type = 'html';
    ctx.body = page({
      title: `Authorize Tool Access for ${name}`,
      user,
      body: consentPage({
        uid: details.uid,
        csrf: csrf.token(ctx, consentPurpose(details.uid, clientId)),
        clientName: name,
        clientId,
        redirectHost: URL.parse(redirectUri)?.host ?? redirectUri,
        localhostOnly: (client?.redirectUris ?? [redirectUri]).every(isLoopbackRedirect),
        metadataDocumentHost: clientId.startsWith('https://') ? URL.parse(clientId)?.host : undefined,
        scopes: [...requested],
        tools: tools(),
      }),
    });
  };

  router.get('/:uid', async (ctx) => {
    const details = await load(ctx);
    if (details.prompt.name === 'login') {
      const current = await sessions.current(ctx);
      const freshLoginDemanded = details.prompt.reasons.some((reason) => reason === 'login_prompt' || reason === 'max_age');
      if (current && !freshLoginDemanded) return finish(ctx, { login: { accountId: current.user.id } });
      return renderLogin(ctx, details);
    }
    if (details.prompt.name === 'consent') return renderConsent(ctx, details);
    throw new InvalidRequest(`unsupported interaction prompt: ${details.prompt.name}`);
  });

  router.post('/:uid/login', async (ctx) => {
    const details = await load(ctx);
    const form = await readForm(ctx);
    csrf.verify(ctx, loginPurpose(details.uid), form.get('csrf'));
    if (details.prompt.name !== 'login') throw new InvalidRequest('this sign-in step is already complete');
    const email = form.get('email') ?? '';
    const result = await signIn.signIn(email, form.get('password') ?? '');
    if (!result.ok) {
      logger.info('interaction.sign_in_failed', { email, reason: result.reason, client_id: details.params.client_id });
      ctx.status = result.reason === 'locked' ? 429 : 401;
      return renderLogin(ctx, details, email, signInErrorText(result.reason, result.retryAfterSeconds));
    }
    await sessions.signIn(ctx, result.user);
    logger.info('interaction.signed_in', { account_id: result.user.id, client_id: details.params.client_id });
    return finish(ctx, { login: { accountId: result.user.id } });
  });

  router.post('/:uid/confirm', async (ctx) => {
    const details = await load(ctx);
    const clientId = String(details.params.client_id);
    const form = await readForm(ctx);
    csrf.verify(ctx, consentPurpose(details.uid, clientId), form.get('csrf'));
    const accountId = details.session?.accountId;
    if (details.prompt.name !== 'consent' || !accountId) throw new InvalidRequest('this authorization step is not waiting for consent');

    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId }))
      : new provider.Grant({ accountId, clientId });
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '));
    }
    const grantId = await grant.save();
    await store.approvals.save(accountId, clientId, grantId, Date.now());
    logger.info('interaction.consent_granted', { account_id: accountId, client_id: clientId });
    return finish(ctx, { consent: { grantId } });
  });

  router.post('/:uid/abort', async (ctx) => {
    const details = await load(ctx);
    const form = await readForm(ctx);
    csrf.verify(ctx, consentPurpose(details.uid, String(details.params.client_id)), form.get('csrf'));
    logger.info('interaction.consent_denied', { client_id: details.params.client_id });
    return finish(ctx, { error: 'access_denied', error_description: 'The user cancelled the authorization.' });
  });

  return router;
}
