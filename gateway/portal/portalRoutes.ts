/**
 * The User Portal: sign-in for directory users and the setup details page.
 *   GET  /                → /portal
 *   GET  /portal          setup details (signed in) or → /portal/sign-in
 *   GET  /portal/sign-in  POST /portal/sign-in  POST /portal/sign-out
 */
import Router from '@koa/router';
import type Provider from 'oidc-provider';
import type { SignInService } from '../directory/signIn.ts';
import type { Csrf } from '../http/csrf.ts';
import { readForm } from '../http/formBody.ts';
import { page } from '../http/page.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import { endProviderSession } from '../interactions/providerSession.ts';
import { setupPage, type SetupConnector } from './setupPage.ts';
import { signInErrorText, signInForm } from './signInForm.ts';
import type { UserSessions } from './userSessions.ts';

export const PORTAL_PATH = '/portal';
const SIGN_IN_PURPOSE = 'portal:sign-in';
const signOutPurpose = (binding: string) => `portal:sign-out:${binding}`;

export interface PortalDeps {
  readonly mcpUrl: string;
  /** The connectors, each with an MCP endpoint of its own (the setup page lists them). */
  readonly connectors: readonly SetupConnector[];
  /** Sign-out ends the OAuth sign-in session too, not only the portal's. */
  readonly provider: Provider;
  readonly sessions: UserSessions;
  readonly signIn: SignInService;
  readonly csrf: Csrf;
  readonly audit: AuditLog;
}

export function portalRoutes({ mcpUrl, connectors, provider, sessions, signIn, csrf, audit }: PortalDeps): Router {
  const router = new Router();

  router.get('/', (ctx) => ctx.redirect(PORTAL_PATH));

  router.get(PORTAL_PATH, async (ctx) => {
    const current = await sessions.current(ctx);
    if (!current) return ctx.redirect(`${PORTAL_PATH}/sign-in`);
    ctx.type = 'html';
    ctx.body = page({
      title: 'Setup details',
      user: current.user,
      signOut: { action: `${PORTAL_PATH}/sign-out`, csrf: csrf.token(ctx, signOutPurpose(current.binding)) },
      body: setupPage(mcpUrl, connectors),
    });
  });

  router.get(`${PORTAL_PATH}/sign-in`, async (ctx) => {
    if (await sessions.current(ctx)) return ctx.redirect(PORTAL_PATH);
    ctx.type = 'html';
    ctx.body = page({ title: 'Sign in', body: signInForm({ action: `${PORTAL_PATH}/sign-in`, csrf: csrf.token(ctx, SIGN_IN_PURPOSE) }) });
  });

  router.post(`${PORTAL_PATH}/sign-in`, async (ctx) => {
    const form = await readForm(ctx);
    csrf.verify(ctx, SIGN_IN_PURPOSE, form.get('csrf'));
    const email = form.get('email') ?? '';
    const result = await signIn.signIn(email, form.get('password') ?? '', ctx.ip);
    if (!result.ok) {
      await audit.record({ event: 'user.sign_in_failed', outcome: result.reason, detail: { email, via: 'portal' } });
      ctx.status = result.reason === 'locked' ? 429 : 401;
      ctx.type = 'html';
      ctx.body = page({
        title: 'Sign in',
        body: signInForm({
          action: `${PORTAL_PATH}/sign-in`,
          csrf: csrf.token(ctx, SIGN_IN_PURPOSE),
          email,
          error: signInErrorText(result.reason, result.retryAfterSeconds),
        }),
      });
      return;
    }
    await sessions.signIn(ctx, result.user);
    await audit.record({ event: 'user.signed_in', accountId: result.user.id, outcome: 'ok', detail: { via: 'portal' } });
    ctx.status = 303;
    ctx.redirect(PORTAL_PATH);
  });

  router.post(`${PORTAL_PATH}/sign-out`, async (ctx) => {
    const form = await readForm(ctx);
    const current = await sessions.current(ctx);
    if (current) {
      csrf.verify(ctx, signOutPurpose(current.binding), form.get('csrf'));
      await sessions.signOut(ctx);
      await endProviderSession(provider, ctx);
    }
    ctx.status = 303;
    ctx.redirect(`${PORTAL_PATH}/sign-in`);
  });

  return router;
}
