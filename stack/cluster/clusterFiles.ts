/**
 * What the launcher writes once into the cluster's folder and hands to every replica by path: the
 * vault key file (0600) — generated here, before any replica starts, so two replicas can never
 * generate two different keys and each seal credentials the other cannot open — and the connector
 * catalogue describing the mocks as they run.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogInput } from '../../gateway/index.ts';

export interface ClusterFiles {
  /** GANGWAY_VAULT_KEY_FILE of every replica. */
  readonly vaultKeyFile: string;
  /** GANGWAY_CONNECTORS_FILE of every replica. */
  readonly connectorsFile: string;
}

export function writeClusterFiles(root: string, catalog: CatalogInput): ClusterFiles {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const vaultKeyFile = join(root, 'vault.key');
  // Kept across starts (.gangway/cluster): a new key would leave every stored credential unreadable.
  if (!existsSync(vaultKeyFile)) writeFileSync(vaultKeyFile, `k1:${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(vaultKeyFile, 0o600);
  const connectorsFile = join(root, 'connectors.json');
  writeFileSync(connectorsFile, `${JSON.stringify(catalog, null, 2)}\n`, { mode: 0o600 });
  return { vaultKeyFile, connectorsFile };
}
