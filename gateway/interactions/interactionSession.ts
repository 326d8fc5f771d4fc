/**
 * Shared steps of the interaction pages: find the interaction this browser is in (and check it is
 * the one in the URL), allow its forms to end at the client's redirect origin, and finish it.
 */
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { InvalidRequest } from '../errors/wireErrors.ts';
import { PageError } from '../http/pageError.ts';
import { cspSourceFor } from '../http/securityHeaders.ts';

export type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

export const loginPurpose = (uid: string) => `interaction:login:${uid}`;
export const consentPurpose = (uid: string, clientId: string) => `interaction:consent:${uid}:${clientId}`;

/** How an interaction ended, remembered for a while after oidc-provider has forgotten it. */
export type InteractionOutcome = 'authorized' | 'cancelled';
export type OutcomeLookup = (uid: string) => Promise<InteractionOutcome | undefined>;

const OUTCOME_TEXT: Record<InteractionOutcome, { heading: string; text: string }> = {
  authorized: { heading: 'Authorization complete', text: 'This authorization is complete; you can close this tab.' },
  cancelled: { heading: 'Authorization cancelled', text: 'This authorization was cancelled; you can close this tab.' },
};

/**
 * Back, reload or a second tab after the flow finished: oidc-provider no longer knows the
 * interaction, but the person should read what happened, not that something went wrong.
 */
async function finishedError(uid: unknown, outcomeOf: OutcomeLookup | undefined): Promise<PageError | undefined> {
  const outcome = typeof uid === 'string' && outcomeOf ? await outcomeOf(uid) : undefined;
  return outcome && new PageError(OUTCOME_TEXT[outcome].heading, OUTCOME_TEXT[outcome].text);
}

export async function loadInteraction(provider: Provider, ctx: Context, extraFormSources: readonly string[] = [], outcomeOf?: OutcomeLookup): Promise<InteractionDetails> {
  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(ctx.req, ctx.res);
  } catch {
    throw (await finishedError(ctx.params.uid, outcomeOf)) ?? new InvalidRequest('this sign-in request has expired or was opened in another browser; go back to your AI client and connect again');
  }
  if (details.uid !== ctx.params.uid) {
    throw (await finishedError(ctx.params.uid, outcomeOf)) ?? new InvalidRequest('this sign-in request is no longer the current one; go back to your AI client and connect again');
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
