/**
 * The authorization and token endpoints, as far as they go without a person signing in:
 *  - per registered client, the authorization request that client sends (its callback, resource =
 *    the MCP URL, PKCE S256, the discovered scope): it must go on, not be refused (AS-03, AS-04, AUTH-12);
 *  - the same with PKCE `plain` (AS-03);
 *  - a token request with a made-up code and `resource`: invalid_grant is right, invalid_target
 *    means the resource itself is refused (AS-04).
 * Answers are read as a browser would follow them (authorizationAnswer.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readAuthorizationAnswer, type AuthorizationAnswer } from './authorizationAnswer.ts';
import { asMetadataOf } from './discovery.ts';
import { authorizeProbeName, type DoctorClient } from './doctorClients.ts';
import { probe, stage, type ProbeAnswer, type ProbeSession } from './probeSession.ts';
import type { RegisteredClient } from './registration.ts';

export interface AuthorizationRecord {
  readonly client: DoctorClient;
  readonly redirectUri: string;
  readonly method: 'S256' | 'plain';
  readonly answer: AuthorizationAnswer;
  readonly status: number;
  readonly failed: string | undefined;
}

export interface AuthorizationEvidence {
  readonly authorizations: AuthorizationRecord[];
  tokenAnswer: ProbeAnswer | undefined;
}

export const emptyAuthorizationEvidence = (): AuthorizationEvidence => ({ authorizations: [], tokenAnswer: undefined });

export async function probeAuthorization(session: ProbeSession, registered: readonly RegisteredClient[], evidence: AuthorizationEvidence): Promise<void> {
  const metadata = asMetadataOf(session.discovery);
  const verifier = randomBytes(32).toString('base64url');
  const authorizeUrl = (client: RegisteredClient, method: 'S256' | 'plain') => {
    const url = new URL(metadata!.authorization_endpoint!);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', client.clientId);
    url.searchParams.set('redirect_uri', client.client.metadata.redirect_uris[0]!);
    if (session.discovery.scope) url.searchParams.set('scope', session.discovery.scope);
    url.searchParams.set('resource', session.mcpUrl);
    url.searchParams.set('code_challenge', method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier);
    url.searchParams.set('code_challenge_method', method);
    url.searchParams.set('state', randomBytes(12).toString('base64url'));
    return url.href;
  };
  const authorize = async (client: RegisteredClient, method: 'S256' | 'plain', name: string) => {
    const url = authorizeUrl(client, method);
    // A browser's navigation: the answer shape a person's browser would get.
    const answer = await probe(session, name, url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    evidence.authorizations.push({
      client: client.client,
      redirectUri: client.client.metadata.redirect_uris[0]!,
      method,
      status: answer.status,
      failed: answer.failed,
      answer: readAuthorizationAnswer(answer.status, answer.headers, answer.text, url),
    });
  };

  await stage(session, 'authorization', async () => {
    if (!metadata?.authorization_endpoint || !URL.canParse(metadata.authorization_endpoint)) return;
    for (const client of registered) await authorize(client, 'S256', authorizeProbeName(client.client));
    if (registered[0]) await authorize(registered[0], 'plain', 'authorize-pkce-plain');
  });

  await stage(session, 'token-endpoint', async () => {
    const first = registered[0];
    if (!first || !metadata?.token_endpoint || !URL.canParse(metadata.token_endpoint)) return;
    evidence.tokenAnswer = await probe(session, 'token-made-up-code', metadata.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: `gangway-doctor-${randomBytes(12).toString('base64url')}`,
        redirect_uri: first.client.metadata.redirect_uris[0]!,
        client_id: first.clientId,
        code_verifier: verifier,
        resource: session.mcpUrl,
      }),
    });
  });
}
