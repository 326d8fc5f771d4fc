/** Which connector tools each user authorized for each client ('*' = all of the connector's tools). */
import type Database from 'better-sqlite3';
import type { ToolGrant, ToolGrantStore } from '../../store.ts';

interface Row {
  account_id: string;
  client_id: string;
  connector_id: string;
  tools: string;
  granted_at: number;
}

const toGrant = (row: Row): ToolGrant => ({
  accountId: row.account_id,
  clientId: row.client_id,
  connectorId: row.connector_id,
  tools: row.tools === '*' ? '*' : (JSON.parse(row.tools) as string[]),
  grantedAt: Number(row.granted_at),
});

export function toolGrants(db: Database.Database): ToolGrantStore {
  const forClient = db.prepare('SELECT * FROM tool_grants WHERE account_id = ? AND client_id = ? ORDER BY connector_id');
  const forAccount = db.prepare('SELECT * FROM tool_grants WHERE account_id = ? ORDER BY client_id, connector_id');
  const insert = db.prepare('INSERT INTO tool_grants (account_id, client_id, connector_id, tools, granted_at) VALUES (?, ?, ?, ?, ?)');
  const deleteClient = db.prepare('DELETE FROM tool_grants WHERE account_id = ? AND client_id = ?');
  const deleteConnector = db.prepare('DELETE FROM tool_grants WHERE account_id = ? AND connector_id = ?');
  const replace = db.transaction((accountId: string, clientId: string, grants: readonly Pick<ToolGrant, 'connectorId' | 'tools'>[], atMs: number) => {
    deleteClient.run(accountId, clientId);
    for (const grant of grants) {
      insert.run(accountId, clientId, grant.connectorId, grant.tools === '*' ? '*' : JSON.stringify([...grant.tools].sort()), atMs);
    }
  });
  return {
    async listForClient(accountId, clientId) {
      return (forClient.all(accountId, clientId) as Row[]).map(toGrant);
    },
    async listForAccount(accountId) {
      return (forAccount.all(accountId) as Row[]).map(toGrant);
    },
    async replaceForClient(accountId, clientId, grants, atMs) {
      replace(accountId, clientId, grants, atMs);
    },
    async deleteForClient(accountId, clientId) {
      deleteClient.run(accountId, clientId);
    },
    async deleteForConnector(accountId, connectorId) {
      deleteConnector.run(accountId, connectorId);
    },
  };
}
