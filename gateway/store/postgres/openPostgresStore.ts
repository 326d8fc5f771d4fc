/**
 * The store for several replicas (issue 14): PostgreSQL through node-postgres. Same tables, same
 * migrations and the same semantics as the embedded store, table by table (tables/*.ts mirror
 * sqlite/tables/*.ts); the cross-replica promises (one consumer of a code, one refresh lock holder,
 * one key) rest on single conditional statements or short transactions, noted in each module.
 *
 * A bounded pool per replica (10 connections by default) whose application_name carries a random
 * instance id — the change-notification triggers send it, so a replica can tell its own writes
 * from others' (changeNotifications.ts) — and one more connection that LISTENs (postgresChannel.ts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../../logging/logger.ts';
import { migrations as allMigrations, type Migration } from '../migrations.ts';
import type { GatewayStore } from '../store.ts';
import { describeDatabase, unavailable, withoutSecrets } from './databaseUrl.ts';
import { openPostgresChannel } from './postgresChannel.ts';
import { applyPostgresMigrations } from './postgresMigrations.ts';
import { pgTypes } from './pgTypes.ts';
import { auditEvents } from './tables/auditEvents.ts';
import { approvals } from './tables/clientApprovals.ts';
import { consentDrafts } from './tables/consentDrafts.ts';
import { directory } from './tables/directory.ts';
import { keyMaterial } from './tables/keyMaterial.ts';
import { postgresLimits } from './tables/limits.ts';
import { mcpEvents } from './tables/mcpEvents.ts';
import { clusterReplicas } from './tables/clusterReplicas.ts';
import { mcpSessions } from './tables/mcpSessions.ts';
import { oidcModels } from './tables/oidcModels.ts';
import { toolGrants } from './tables/toolGrants.ts';
import { upstreamAuthorizations } from './tables/upstreamAuthorizations.ts';
import { upstreamClients } from './tables/upstreamClients.ts';
import { upstreamConnections } from './tables/upstreamConnections.ts';
import { userSessions } from './tables/userSessions.ts';

export interface PostgresStoreOptions {
  /** Connections in this replica's pool (default 10); the listening connection comes on top. */
  readonly poolMax?: number;
  /** Names this replica in application_name (`gangway-<id>`); random by default. */
  readonly instanceId?: string;
  /** How long to wait for a connection before a query fails, ms (default 5000). */
  readonly connectTimeoutMs?: number;
  readonly logger?: Logger;
  /** The migrations to apply (tests pass a shorter or longer list). */
  readonly migrations?: readonly Migration[];
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<GatewayStore> {
  const instanceId = options.instanceId ?? randomBytes(6).toString('hex');
  // application_name is cut at 63 bytes: a longer id would no longer match its own notifications.
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(instanceId)) throw new RangeError('openPostgresStore: instanceId must be 1–40 characters of A-Z, a-z, 0-9, _ and -');
  const applicationName = `gangway-${instanceId}`;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    application_name: applicationName,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    types: pgTypes,
  });
  // An idle pooled connection that breaks (server restart) must not crash the process; the pool replaces it.
  pool.on('error', (error) => options.logger?.warn('store.connection_lost', { database: describeDatabase(url), message: withoutSecrets(error.message, url) }));

  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw unavailable(url, error);
  }
  let channel: Awaited<ReturnType<typeof openPostgresChannel>>;
  try {
    // Its errors say what is wrong with the schema (a newer Gangway's, a failed migration) as they are.
    await applyPostgresMigrations(pool, options.migrations ?? allMigrations);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  try {
    channel = await openPostgresChannel({ url, pool, applicationName, logger: options.logger });
  } catch (error) {
    await pool.end().catch(() => {});
    throw unavailable(url, error);
  }

  let closed = false;
  return {
    kind: 'postgres',
    oidc: oidcModels(pool),
    directory: directory(pool),
    sessions: userSessions(pool),
    approvals: approvals(pool),
    keys: keyMaterial(pool),
    connections: upstreamConnections(pool),
    toolGrants: toolGrants(pool),
    pendingAuthorizations: upstreamAuthorizations(pool),
    upstreamClients: upstreamClients(pool),
    consentDrafts: consentDrafts(pool),
    audit: auditEvents(pool),
    mcpSessions: mcpSessions(pool),
    mcpEvents: mcpEvents(pool),
    replicas: clusterReplicas(pool),
    limits: postgresLimits(pool),
    channel,
    externalChanges: () => channel.changes(),
    async migrations() {
      return (await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((row) => row.version);
    },
    async close() {
      if (closed) return;
      closed = true;
      await channel.close();
      await pool.end();
    },
  };
}
