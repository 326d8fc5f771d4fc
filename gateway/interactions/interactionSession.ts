/**
 * Shared steps of the interaction pages: find the interaction this browser is in (and check it is
 * the one in the URL), allow its forms to end at the client's redirect origin, and finish it.
 */
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { InvalidRequest } from '../errors/wireErrors.ts';
import { cspSourceFor } from '../http/securityHeaders.ts';

export type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

export const loginPurpose = (uid: string) => `interaction:login:${uid}`;
export const consentPurpose = (uid: string, clientId: string) => `interaction:consent:${uid}:${clientId}`;

export async function loadInteraction(provider: Provider, ctx: Context, extraFormSources: readonly string[] = []): Promise<InteractionDetails> {
  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(ctx.req, ctx.res);
  } catch {
    throw new InvalidRequest('this sign-in request has expired or was opened in another browser; go back to your AI client and connect again');
  }
  if (details.uid !== ctx.params.uid) {
    throw new InvalidRequest('this sign-in request is no longer the current one; go back to your AI client and connect again');
  }
  // The forms on these pages end, after redirects, at the client's redirect URI (or a vendor's
  // authorization page when connecting a tool); browsers apply form-action to those redirects.
  const clientSource = cspSourceFor(String(details.params.redirect_uri ?? ''));
  ctx.state.formActionSources = [...(clientSource ? [clientSource] : []), ...extraFormSources];
  return details;
}

export async function finishInteraction(provider: Provider, ctx: Context, result: InteractionResults): Promise<void> {
  const redirectTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
  ctx.status = 303;
  ctx.redirect(redirectTo);
}
