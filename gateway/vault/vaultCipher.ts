/**
 * Encryption of upstream credentials at rest (UP-01): AES-256-GCM with a random 96-bit IV per
 * value, the key id stored beside the ciphertext so keys can rotate (new writes use the active key,
 * old values still open with theirs), and the owner bound in as associated data — a ciphertext
 * copied to another user's or connector's row fails authentication instead of decrypting.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface VaultKeys {
  /** Key id used for new encryptions. */
  readonly active: string;
  /** Key id → 32-byte key. */
  readonly keys: ReadonlyMap<string, Buffer>;
}

export class VaultError extends Error {
  override readonly name = 'VaultError';
}

const VERSION = 'v1';

export interface VaultCipher {
  /** The key id new values are sealed with. */
  readonly activeKeyId: string;
  seal(plaintext: string, binding: string): string;
  open(sealed: string, binding: string): string;
  /** The key id a sealed value was written with (rotation jobs re-seal the old ones). */
  keyIdOf(sealed: string): string;
}

export function createVaultCipher({ active, keys }: VaultKeys): VaultCipher {
  if (!keys.has(active)) throw new VaultError(`the active vault key ${active} is not among the configured keys`);
  for (const [kid, key] of keys) {
    if (key.length !== 32) throw new VaultError(`vault key ${kid} must be 32 bytes (AES-256), got ${key.length}`);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(kid)) throw new VaultError(`vault key id ${kid} must be 1–32 characters of [A-Za-z0-9_-]`);
  }
  const aad = (binding: string) => Buffer.from(`gangway-vault:${VERSION}:${binding}`, 'utf8');

  return {
    activeKeyId: active,
    seal(plaintext, binding) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.get(active)!, iv);
      cipher.setAAD(aad(binding));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, active, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, binding) {
      const [version, kid, iv, ciphertext, tag] = sealed.split('.');
      if (version !== VERSION || !kid || !iv || ciphertext === undefined || !tag) throw new VaultError('not a sealed vault value');
      const key = keys.get(kid);
      if (!key) throw new VaultError(`vault key ${kid} is not configured; it is needed to open stored credentials`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(aad(binding));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new VaultError('a stored credential failed authentication (wrong key, or the value was moved or altered)');
      }
    },
    keyIdOf(sealed) {
      return sealed.split('.')[1] ?? '';
    },
  };
}
