/**
 * Where the vault keys come from: GANGWAY_VAULT_KEYS (`kid:base64url-key,…`, the first one active)
 * in production; otherwise a key file generated on first start (0600, outside the data directory,
 * so a copy of the store alone does not carry the key that opens it) with a warning to configure one.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config/loadConfig.ts';
import type { Logger } from '../logging/logger.ts';
import type { VaultKeys } from './vaultCipher.ts';

function parseInline(value: string): VaultKeys {
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const [kid, material] = entry.split(':');
    const key = material ? Buffer.from(material, 'base64url') : Buffer.alloc(0);
    if (!kid || key.length !== 32) {
      throw new ConfigError('Invalid setting GANGWAY_VAULT_KEYS (vault.keys): expected kid:key pairs, each key 32 bytes in base64url (e.g. k1:$(openssl rand -base64 32 | tr "+/" "-_" | tr -d =))');
    }
    keys.set(kid, key);
  }
  if (keys.size === 0) throw new ConfigError('Invalid setting GANGWAY_VAULT_KEYS (vault.keys): no keys given');
  return { active: entries[0]!.split(':')[0]!, keys };
}

export function loadVaultKeys(inline: string | undefined, keyFile: string, logger: Logger): VaultKeys {
  if (inline) return parseInline(inline);
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    writeFileSync(keyFile, `k1:${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(keyFile, 0o600);
    logger.warn('vault.generated_key', { key_file: keyFile, hint: 'set GANGWAY_VAULT_KEYS to manage the credential encryption key yourself' });
  }
  try {
    return parseInline(readFileSync(keyFile, 'utf8').trim());
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`Invalid setting GANGWAY_VAULT_KEY_FILE (vault.keyFile): ${keyFile} does not hold kid:key pairs`);
    throw error;
  }
}
