/** The gateway's registrations at upstream authorization servers, on PostgreSQL (as sqlite/tables/upstreamClients.ts). */
import type { UpstreamClientStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

export function upstreamClients(pool: Pool): UpstreamClientStore {
  return {
    async get(connectorId) {
      return (await pool.query<{ registration: string }>('SELECT registration FROM upstream_clients WHERE connector_id = $1', [connectorId])).rows[0]?.registration;
    },
    async save(connectorId, sealedRegistration, atMs, replacing) {
      const changed =
        replacing === undefined
          ? await pool.query('INSERT INTO upstream_clients (connector_id, registration, registered_at) VALUES ($1, $2, $3) ON CONFLICT (connector_id) DO NOTHING', [connectorId, sealedRegistration, atMs])
          : await pool.query('UPDATE upstream_clients SET registration = $1, registered_at = $2 WHERE connector_id = $3 AND registration = $4', [sealedRegistration, atMs, connectorId, replacing]);
      return changed.rowCount === 1;
    },
  };
}
