/**
 * The store every replica shares: PostgreSQL — the one `databaseUrl` names, or the cluster's own
 * server from Debian's package (stack/postgres/postgresServer.ts; its data in `postgresDataDir`,
 * kept across starts, or a temporary folder). Each replica still gets a data directory of its own
 * (GANGWAY_DATA_DIR): nothing in it is shared, so two replicas never write one file.
 */
import { join } from 'node:path';
import { startPostgres } from '../postgres/postgresServer.ts';

export interface ClusterStore {
  /** postgres://… — carries a password: never print it. */
  readonly url: string;
  /** What says to replica `index` where the store is. */
  replicaEnv(index: number): Record<string, string>;
  stop(): Promise<void>;
}

export interface ClusterStoreOptions {
  readonly root: string;
  readonly databaseUrl: string | undefined;
  /** Where the cluster's own server keeps its data; a temporary folder (removed on stop) when left out. */
  readonly postgresDataDir: string | undefined;
}

export async function clusterStore(options: ClusterStoreOptions): Promise<ClusterStore> {
  const server = options.databaseUrl ? undefined : await startPostgres(options.postgresDataDir ? { dataDir: options.postgresDataDir } : {});
  const url = options.databaseUrl ?? server!.url;
  return {
    url,
    replicaEnv: (index) => ({ GANGWAY_DATABASE_URL: url, GANGWAY_DATA_DIR: join(options.root, `replica-${index}`, 'data') }),
    stop: async () => server?.stop(),
  };
}
