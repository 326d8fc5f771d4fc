/**
 * The OAuth interaction pages oidc-provider sends the browser to (`/interaction/:uid`):
 *   login   — the directory sign-in (skipped when the portal session already knows the user,
 *             unless the client asked for prompt=login)
 *   consent — "Authorize Tool Access for <client>" (consentRoutes.ts)
 * Every POST checks a CSRF token bound to this interaction.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { AuditLog } from '../audit/auditLog.ts';
import type { SignInService } from '../directory/signIn.ts';
import { InvalidRequest } from '../errors/wireErrors.ts';
import type { Csrf } from '../http/csrf.ts';
import { readForm } from '../http/formBody.ts';
import { html } from '../../web/html.ts';
import { page } from '../http/page.ts';
import { INTERACTION_PATH } from '../oauth/createProvider.ts';
import { signInErrorText, signInForm } from '../portal/signInForm.ts';
import type { UserSessions } from '../portal/userSessions.ts';
import type { ConsentHandlers } from './consentRoutes.ts';
import { finishInteraction, loadInteraction, loginPurpose, type InteractionDetails } from './interactionSession.ts';

export interface InteractionDeps {
  readonly provider: Provider;
  readonly sessions: UserSessions;
  readonly signIn: SignInService;
  readonly csrf: Csrf;
  readonly audit: AuditLog;
  readonly consent: ConsentHandlers;
}

export function interactionRoutes({ provider, sessions, signIn, csrf, audit, consent }: InteractionDeps): Router {
  const router = new Router({ prefix: INTERACTION_PATH });

  const renderLogin = async (ctx: Context, details: InteractionDetails, email?: string, error?: string) => {
    const clientId = String(details.params.client_id);
    const name = (await provider.Client.find(clientId))?.clientName ?? clientId;
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

  router.get('/:uid', async (ctx) => {
    const details = await loadInteraction(provider, ctx, await consent.vendorSources(), consent.outcomeOf);
    if (details.prompt.name === 'login') {
      const current = await sessions.current(ctx);
      const freshLoginDemanded = details.prompt.reasons.some((reason) => reason === 'login_prompt' || reason === 'max_age');
      if (current && !freshLoginDemanded) return finishInteraction(provider, ctx, { login: { accountId: current.user.id } });
      return renderLogin(ctx, details);
    }
    if (details.prompt.name === 'consent') return consent.render(ctx, details);
    throw new InvalidRequest(`unsupported interaction prompt: ${details.prompt.name}`);
  });

  router.post('/:uid/login', async (ctx) => {
    const details = await loadInteraction(provider, ctx);
    const form = await readForm(ctx);
    csrf.verify(ctx, loginPurpose(details.uid), form.get('csrf'));
    if (details.prompt.name !== 'login') throw new InvalidRequest('this sign-in step is already complete');
    const email = form.get('email') ?? '';
    const result = await signIn.signIn(email, form.get('password') ?? '', ctx.ip);
    if (!result.ok) {
      await audit.record({ event: 'user.sign_in_failed', clientId: String(details.params.client_id), outcome: result.reason, detail: { email } });
      ctx.status = result.reason === 'locked' ? 429 : 401;
      return renderLogin(ctx, details, email, signInErrorText(result.reason, result.retryAfterSeconds));
    }
    await sessions.signIn(ctx, result.user);
    await audit.record({ event: 'user.signed_in', accountId: result.user.id, clientId: String(details.params.client_id), outcome: 'ok' });
    return finishInteraction(provider, ctx, { login: { accountId: result.user.id } });
  });

  router.post('/:uid/consent', (ctx) => consent.submit(ctx));

  return router;
}
