/** The gateway's registrations at upstream authorization servers, on PostgreSQL (as sqlite/tables/upstreamClients.ts). */
import type { UpstreamClientStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

export function upstreamClients(pool: Pool): UpstreamClientStore {
  return {
    async get(connectorId) {
      return (await pool.query<{ registration: string }>('SELECT registration FROM upstream_clients WHERE connector_id = $1', [connectorId])).rows[0]?.registration;
    },
    async save(connectorId, sealedRegistration, atMs) {
      await pool.query(
        `INSERT INTO upstream_clients (connector_id, registration, registered_at) VALUES ($1, $2, $3)
         ON CONFLICT (connector_id) DO UPDATE SET registration = excluded.registration, registered_at = excluded.registered_at`,
        [connectorId, sealedRegistration, atMs],
      );
    },
  };
}
