/**
 * The store every replica shares. Until the PostgreSQL store lands this is the embedded SQLite file
 * in one data directory all replicas open (WAL allows several processes on one machine); with it,
 * the cluster's own PostgreSQL server (or the one `databaseUrl` names) and a data directory per replica.
 */
import { join } from 'node:path';

export interface ClusterStore {
  /** The PostgreSQL URL, when the store is one. */
  readonly url: string | undefined;
  /** What says to replica `index` where the store is. */
  replicaEnv(index: number): Record<string, string>;
  stop(): Promise<void>;
}

export interface ClusterStoreOptions {
  readonly root: string;
  readonly databaseUrl: string | undefined;
  readonly postgresDataDir: string | undefined;
}

export async function clusterStore(options: ClusterStoreOptions): Promise<ClusterStore> {
  const dataDir = join(options.root, 'data');
  return {
    url: undefined,
    replicaEnv: () => ({ GANGWAY_DATA_DIR: dataDir }),
    stop: async () => {},
  };
}
