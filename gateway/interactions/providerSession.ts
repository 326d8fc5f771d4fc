/**
 * Ends oidc-provider's browser session from outside its own end-session endpoint. The User Portal's
 * "Sign out" clears the gateway's session cookie; without this the provider's session would still
 * name the person, and the next AI client sent to the gateway in this browser would be signed in as
 * them without a password (a shared computer's next user, for one).
 */
import type { Context } from 'koa';
import type Provider from 'oidc-provider';

export async function endProviderSession(provider: Provider, ctx: Context): Promise<void> {
  // Session.get builds a throw-away provider context when the request is not one of its routes;
  // a browser without a provider session gets a fresh, unsaved one — nothing to end.
  const session = await provider.Session.get(ctx as never);
  if (session.accountId) await session.destroy();
}
