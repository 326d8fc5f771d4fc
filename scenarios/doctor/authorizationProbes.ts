/**
 * The authorization and token endpoints, as far as they can be exercised without a person signing
 * in: for each registered client an authorization request with `resource` and PKCE S256 that must
 * not be refused (AS-03, AS-04, AUTH-12), one with PKCE `plain` that must be (AS-03), and a token
 * request with a made-up code and `resource` that must fail with invalid_grant — a gateway that
 * answers invalid_target rejects the resource parameter itself (AS-04).
 */
import { createHash, randomBytes } from 'node:crypto';
import { asMetadataOf, mcpExchanges } from '../checks/checkContext.ts';
import { probeRequest } from './probeRequest.ts';
import type { ProbeSession } from './probeSession.ts';
import type { ClientCallbacks } from './clientCallbacks.ts';
import type { RegisteredClient } from './registrationProbes.ts';

export const authorizeProbe = (callbacks: ClientCallbacks) => `authorize-${callbacks.client}`;

/** The scope the 401 challenge asked for: what a client puts in its authorization request. */
function challengedScope(session: ProbeSession): string | undefined {
  const challenge = mcpExchanges(session.context()).find((e) => e.response.status === 401)?.response.headers['www-authenticate'] ?? '';
  return /\bscope="([^"]+)"/.exec(challenge)?.[1];
}

export async function probeAuthorization(session: ProbeSession, registered: readonly RegisteredClient[]): Promise<void> {
  const metadata = asMetadataOf(session.context());
  if (!metadata?.authorization_endpoint) return;
  const scope = challengedScope(session);
  const verifier = randomBytes(32).toString('base64url');
  const authorizeUrl = (client: RegisteredClient, method: 'S256' | 'plain') => {
    const url = new URL(metadata.authorization_endpoint!);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', client.clientId);
    url.searchParams.set('redirect_uri', client.callbacks.redirectUris[0]!);
    if (scope) url.searchParams.set('scope', scope);
    url.searchParams.set('resource', session.mcpUrl);
    url.searchParams.set('code_challenge', method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier);
    url.searchParams.set('code_challenge_method', method);
    url.searchParams.set('state', randomBytes(12).toString('base64url'));
    return url.href;
  };
  for (const client of registered) await (await probeRequest(authorizeProbe(client.callbacks), authorizeUrl(client, 'S256'))).arrayBuffer();
  const first = registered[0];
  if (!first) return;
  await (await probeRequest('authorize-pkce-plain', authorizeUrl(first, 'plain'))).arrayBuffer();
  if (!metadata.token_endpoint) return;
  await (
    await probeRequest('token-made-up-code', metadata.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: `gangway-doctor-${randomBytes(12).toString('base64url')}`,
        redirect_uri: first.callbacks.redirectUris[0]!,
        client_id: first.clientId,
        code_verifier: verifier,
        resource: session.mcpUrl,
      }),
    })
  ).arrayBuffer();
}
