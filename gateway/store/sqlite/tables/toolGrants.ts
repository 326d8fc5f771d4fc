/**
 * What of each connector each user authorized for each client: tools, prompts and resources, each
 * '*' (all of them) or a JSON list of the upstream's own names. Rows from before migration 4 have
 * '*' for prompts and resources (the column default): they meant all of them.
 */
import type Database from 'better-sqlite3';
import type { GrantedItems, ToolGrant, ToolGrantStore } from '../../store.ts';

interface Row {
  account_id: string;
  client_id: string;
  connector_id: string;
  tools: string;
  prompts: string;
  resources: string;
  granted_at: number;
}

const fromColumn = (value: string): GrantedItems => (value === '*' ? '*' : (JSON.parse(value) as string[]));
const toColumn = (items: GrantedItems | undefined): string => (items === undefined || items === '*' ? '*' : JSON.stringify([...items].sort()));

const toGrant = (row: Row): ToolGrant => ({
  accountId: row.account_id,
  clientId: row.client_id,
  connectorId: row.connector_id,
  tools: fromColumn(row.tools),
  prompts: fromColumn(row.prompts),
  resources: fromColumn(row.resources),
  grantedAt: Number(row.granted_at),
});

export function toolGrants(db: Database.Database): ToolGrantStore {
  const forClient = db.prepare('SELECT * FROM tool_grants WHERE account_id = ? AND client_id = ? ORDER BY connector_id');
  const forAccount = db.prepare('SELECT * FROM tool_grants WHERE account_id = ? ORDER BY client_id, connector_id');
  const insert = db.prepare('INSERT INTO tool_grants (account_id, client_id, connector_id, tools, prompts, resources, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const deleteClient = db.prepare('DELETE FROM tool_grants WHERE account_id = ? AND client_id = ?');
  const deleteConnector = db.prepare('DELETE FROM tool_grants WHERE account_id = ? AND connector_id = ?');
  const replace = db.transaction((accountId: string, clientId: string, grants: Parameters<ToolGrantStore['replaceForClient']>[2], atMs: number) => {
    deleteClient.run(accountId, clientId);
    for (const grant of grants) {
      insert.run(accountId, clientId, grant.connectorId, toColumn(grant.tools), toColumn(grant.prompts), toColumn(grant.resources), atMs);
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
