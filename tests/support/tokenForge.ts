/**
 * Signs access tokens with the test gateway's own key but with chosen claims — an expired one, one
 * for another audience, an ID token — so the resource server's checks can be tested one by one.
 */
import { importJWK, SignJWT, type JWK } from 'jose';
import { createLogger } from '../../gateway/logging/logger.ts';
import { loadSigningKeys } from '../../gateway/oauth/signingKeys.ts';
import type { RunningGateway } from '../../gateway/server.ts';
import { createVaultCipher } from '../../gateway/vault/vaultCipher.ts';
import { loadVaultKeys } from '../../gateway/vault/vaultKeys.ts';

/** The gateway's private signing JWKS, read by the gateway's own start-up loader with its vault key. */
async function signingJwksOf(gateway: RunningGateway): Promise<{ keys: JWK[] }> {
  const { keys, keyFile } = gateway.config.vault;
  const vault = createVaultCipher(loadVaultKeys(keys, keyFile, createLogger('silent')));
  return (await loadSigningKeys(gateway.store.keys, gateway.config.signingKeysFile, vault)).jwks;
}

export async function forgeToken(gateway: RunningGateway, claims: Record<string, unknown>, header: { typ?: string } = {}): Promise<string> {
  const jwks = await signingJwksOf(gateway);
  const jwk = jwks.keys[0]!;
  const key = await importJWK(jwk, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: gateway.url, aud: gateway.mcpUrl, iat: now, exp: now + 300, scope: 'mcp:tools', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: header.typ ?? 'at+jwt' })
    .sign(key);
}
