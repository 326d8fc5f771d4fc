/**
 * Opens the store the configuration names: the embedded SQLite file in the data directory by
 * default, PostgreSQL when GANGWAY_DATABASE_URL is set (issue 14: several replicas).
 */
import type { GatewayConfig } from '../config/loadConfig.ts';
import type { Logger } from '../logging/logger.ts';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/openPostgresStore.ts';
import { openSqliteStore } from './sqlite/openSqliteStore.ts';
import type { GatewayStore } from './store.ts';

export interface OpenStoreOptions extends Omit<PostgresStoreOptions, 'logger'> {
  readonly logger?: Logger;
}

export async function openStore(config: Pick<GatewayConfig, 'dataDir' | 'databaseUrl'>, options: OpenStoreOptions = {}): Promise<GatewayStore> {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl, options);
  return openSqliteStore(config.dataDir);
}
