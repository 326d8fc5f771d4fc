/**
 * Token signing keys and cookie-signing keys. An operator may supply a private JWKS file; otherwise
 * an RSA key is generated on first start and kept in the store — shared by every replica, persisted
 * across restarts (a restart must not invalidate issued tokens), never in the repository.
 */
import { generateKeyPairSync, randomBytes, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { ConfigError } from '../config/loadConfig.ts';
import type { KeyMaterialStore } from '../store/store.ts';

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

export async function loadSigningKeys(store: KeyMaterialStore, jwksFile: string | undefined): Promise<SigningKeys> {
  const jwks = jwksFile
    ? readJwksFile(jwksFile)
    : (JSON.parse(await store.getOrCreate('oauth.signing-jwks', () => JSON.stringify({ keys: [generateRsaJwk()] }))) as {
        keys: JWK[];
      });
  const cookieKeys = JSON.parse(
    await store.getOrCreate('http.cookie-keys', () => JSON.stringify([randomBytes(32).toString('base64url')])),
  ) as string[];
  return { jwks, publicJwks: { keys: jwks.keys.map(toPublic) }, cookieKeys };
}
