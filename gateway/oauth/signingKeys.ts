/**
 * Token signing keys and cookie-signing keys. An operator may supply a private JWKS file; otherwise
 * an RSA key is generated on first start and kept in the store — shared by every replica, persisted
 * across restarts (a restart must not invalidate issued tokens), never in the repository.
 *
 * Stored keys are sealed with the vault key (AES-256-GCM, the vault key id inside the sealed value),
 * like upstream credentials: a copy of the database alone cannot mint tokens (issue 11). A key stored
 * in plaintext by an older version is sealed on start; one sealed with a retired vault key is
 * re-sealed with the active one.
 */
import { generateKeyPairSync, randomBytes, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { ConfigError } from '../config/loadConfig.ts';
import type { KeyMaterialStore } from '../store/store.ts';
import type { VaultCipher } from '../vault/vaultCipher.ts';

export interface SigningKeys {
  /** Private JWKS for oidc-provider. */
  readonly jwks: { keys: JWK[] };
  /** Public JWKS for verifying access tokens at the MCP endpoint. */
  readonly publicJwks: { keys: JWK[] };
  readonly cookieKeys: string[];
}

function generateRsaJwk(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = createHash('sha256').update(String(jwk.n)).digest('base64url').slice(0, 16);
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

const PUBLIC_MEMBERS = ['kty', 'kid', 'alg', 'use', 'n', 'e', 'crv', 'x', 'y'] as const;

function toPublic(jwk: JWK): JWK {
  const out: Record<string, unknown> = {};
  for (const member of PUBLIC_MEMBERS) if (jwk[member] !== undefined) out[member] = jwk[member];
  return out as JWK;
}

function readJwksFile(path: string): { keys: JWK[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ConfigError(`Invalid setting GANGWAY_SIGNING_KEYS_FILE (signingKeysFile): ${path} is not a readable JSON file`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'object' && k && 'd' in k && (k as JWK).kty === 'RSA')) {
    throw new ConfigError(
      `Invalid setting GANGWAY_SIGNING_KEYS_FILE (signingKeysFile): ${path} must be a JWKS whose keys are private RSA keys`,
    );
  }
  return { keys: (keys as JWK[]).map((k) => ({ alg: 'RS256', use: 'sig', ...k })) };
}

export const SIGNING_JWKS = 'oauth.signing-jwks';
const COOKIE_KEYS = 'http.cookie-keys';

function openOrExplain(vault: VaultCipher, sealed: string, name: string): string {
  try {
    return vault.open(sealed, name);
  } catch (error) {
    throw new ConfigError(
      `Invalid setting GANGWAY_VAULT_KEYS (vault.keys): the stored ${name} was sealed with vault key ${vault.keyIdOf(sealed)}, which the configured keys cannot open (${(error as Error).message}); configure that key again (a new key may be listed first)`,
    );
  }
}

/** Reads (or creates) one named secret, sealed at rest; the name is bound into the ciphertext. */
async function sealedMaterial(store: KeyMaterialStore, vault: VaultCipher, name: string, create: () => string): Promise<string> {
  const stored = await store.getOrCreate(name, () => vault.seal(create(), name));
  // Written before keys were sealed: plain JSON. Seal it in place (another replica may win the race).
  const plain = /^[[{]/.test(stored) ? stored : openOrExplain(vault, stored, name);
  if (plain === stored || vault.keyIdOf(stored) !== vault.activeKeyId) await store.replace(name, stored, vault.seal(plain, name));
  return plain;
}

export async function loadSigningKeys(store: KeyMaterialStore, jwksFile: string | undefined, vault: VaultCipher): Promise<SigningKeys> {
  const jwks = jwksFile
    ? readJwksFile(jwksFile)
    : (JSON.parse(await sealedMaterial(store, vault, SIGNING_JWKS, () => JSON.stringify({ keys: [generateRsaJwk()] }))) as { keys: JWK[] });
  const cookieKeys = JSON.parse(await sealedMaterial(store, vault, COOKIE_KEYS, () => JSON.stringify([randomBytes(32).toString('base64url')]))) as string[];
  return { jwks, publicJwks: { keys: jwks.keys.map(toPublic) }, cookieKeys };
}
