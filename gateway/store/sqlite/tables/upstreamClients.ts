/** The gateway's own client registrations at upstream authorization servers (sealed JSON). */
import type Database from 'better-sqlite3';
import type { UpstreamClientStore } from '../../store.ts';

export function upstreamClients(db: Database.Database): UpstreamClientStore {
  const get = db.prepare('SELECT registration FROM upstream_clients WHERE connector_id = ?');
  const insert = db.prepare('INSERT INTO upstream_clients (connector_id, registration, registered_at) VALUES (?, ?, ?) ON CONFLICT (connector_id) DO NOTHING');
  const replace = db.prepare('UPDATE upstream_clients SET registration = ?, registered_at = ? WHERE connector_id = ? AND registration = ?');
  return {
    async get(connectorId) {
      return (get.get(connectorId) as { registration: string } | undefined)?.registration;
    },
    async save(connectorId, sealedRegistration, atMs, replacing) {
      const changed = replacing === undefined ? insert.run(connectorId, sealedRegistration, atMs) : replace.run(sealedRegistration, atMs, connectorId, replacing);
      return changed.changes === 1;
    },
  };
}
