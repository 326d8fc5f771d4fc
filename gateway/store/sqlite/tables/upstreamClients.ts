/** The gateway's own client registrations at upstream authorization servers (sealed JSON). */
import type Database from 'better-sqlite3';
import type { UpstreamClientStore } from '../../store.ts';

export function upstreamClients(db: Database.Database): UpstreamClientStore {
  const get = db.prepare('SELECT registration FROM upstream_clients WHERE connector_id = ?');
  const save = db.prepare(`INSERT INTO upstream_clients (connector_id, registration, registered_at) VALUES (?, ?, ?)
    ON CONFLICT (connector_id) DO UPDATE SET registration = excluded.registration, registered_at = excluded.registered_at`);
  return {
    async get(connectorId) {
      return (get.get(connectorId) as { registration: string } | undefined)?.registration;
    },
    async save(connectorId, sealedRegistration, atMs) {
      save.run(connectorId, sealedRegistration, atMs);
    },
  };
}
