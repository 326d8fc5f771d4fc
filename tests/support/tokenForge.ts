/**
 * Signs access tokens with the test gateway's own key but with chosen claims — an expired one, one
 * for another audience, an ID token — so the resource server's checks can be tested one by one.
 */
import { importJWK, SignJWT, type JWK } from 'jose';
import type { RunningGateway } from '../../gateway/server.ts';

export async function forgeToken(gateway: RunningGateway, claims: Record<string, unknown>, header: { typ?: string } = {}): Promise<string> {
  const jwks = JSON.parse(await gateway.store.keys.getOrCreate('oauth.signing-jwks', () => '{}')) as { keys: JWK[] };
  const jwk = jwks.keys[0]!;
  const key = await importJWK(jwk, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: gateway.url, aud: gateway.mcpUrl, iat: now, exp: now + 300, scope: 'mcp:tools', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: header.typ ?? 'at+jwt' })
    .sign(key);
}
