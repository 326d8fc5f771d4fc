/**
 * Tool, prompt and resource grants on PostgreSQL (as sqlite/tables/toolGrants.ts). replaceForClient
 * deletes and inserts in one transaction, so no reader on any replica sees a client with half of
 * its new grants.
 */
import { grantedItemsColumn, toolGrantOf, type ToolGrantRow } from '../../rows/toolGrantRow.ts';
import type { ToolGrantStore } from '../../store.ts';
import { inTransaction, type Pool } from '../pgTypes.ts';

export function toolGrants(pool: Pool): ToolGrantStore {
  return {
    async listForClient(accountId, clientId) {
      return (await pool.query<ToolGrantRow>('SELECT * FROM tool_grants WHERE account_id = $1 AND client_id = $2 ORDER BY connector_id', [accountId, clientId])).rows.map(toolGrantOf);
    },
    async listForAccount(accountId) {
      return (await pool.query<ToolGrantRow>('SELECT * FROM tool_grants WHERE account_id = $1 ORDER BY client_id, connector_id', [accountId])).rows.map(toolGrantOf);
    },
    async replaceForClient(accountId, clientId, grants, atMs) {
      await inTransaction(pool, async (client) => {
        await client.query('DELETE FROM tool_grants WHERE account_id = $1 AND client_id = $2', [accountId, clientId]);
        for (const grant of grants) {
          await client.query(
            'INSERT INTO tool_grants (account_id, client_id, connector_id, tools, prompts, resources, granted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [accountId, clientId, grant.connectorId, grantedItemsColumn(grant.tools), grantedItemsColumn(grant.prompts), grantedItemsColumn(grant.resources), atMs],
          );
        }
      });
    },
    async deleteForClient(accountId, clientId) {
      await pool.query('DELETE FROM tool_grants WHERE account_id = $1 AND client_id = $2', [accountId, clientId]);
    },
    async deleteForConnector(accountId, connectorId) {
      await pool.query('DELETE FROM tool_grants WHERE account_id = $1 AND connector_id = $2', [accountId, connectorId]);
    },
  };
}
