/**
 * What of each connector each user authorized for each client: tools, prompts and resources, each
 * '*' (all of them) or a JSON list of the upstream's own names. Rows from before migration 4 have
 * '*' for prompts and resources (the column default): they meant all of them.
 */
import type Database from 'better-sqlite3';
import { grantedItemsColumn, toolGrantOf, type ToolGrantRow } from '../../rows/toolGrantRow.ts';
import type { ToolGrantStore } from '../../store.ts';

export function toolGrants(db: Database.Database): ToolGrantStore {
  const forClient = db.prepare('SELECT * FROM tool_grants WHERE account_id = ? AND client_id = ? ORDER BY connector_id');
  const forAccount = db.prepare('SELECT * FROM tool_grants WHERE account_id = ? ORDER BY client_id, connector_id');
  const insert = db.prepare('INSERT INTO tool_grants (account_id, client_id, connector_id, tools, prompts, resources, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const deleteClient = db.prepare('DELETE FROM tool_grants WHERE account_id = ? AND client_id = ?');
  const deleteConnector = db.prepare('DELETE FROM tool_grants WHERE account_id = ? AND connector_id = ?');
  const replace = db.transaction((accountId: string, clientId: string, grants: Parameters<ToolGrantStore['replaceForClient']>[2], atMs: number) => {
    deleteClient.run(accountId, clientId);
    for (const grant of grants) {
      insert.run(accountId, clientId, grant.connectorId, grantedItemsColumn(grant.tools), grantedItemsColumn(grant.prompts), grantedItemsColumn(grant.resources), atMs);
    }
  });
  return {
    async listForClient(accountId, clientId) {
      return (forClient.all(accountId, clientId) as ToolGrantRow[]).map(toolGrantOf);
    },
    async listForAccount(accountId) {
      return (forAccount.all(accountId) as ToolGrantRow[]).map(toolGrantOf);
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
