/**
 * Tool, prompt and resource grants on PostgreSQL (as sqlite/tables/toolGrants.ts). replaceForClient
 * deletes and inserts in one transaction, so no reader on any replica sees a client with half of
 * its new grants.
 */
import type { GrantedItems, ToolGrant, ToolGrantStore } from '../../store.ts';
import { inTransaction, type Pool } from '../pgTypes.ts';

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
  grantedAt: row.granted_at,
});

export function toolGrants(pool: Pool): ToolGrantStore {
  return {
    async listForClient(accountId, clientId) {
      return (await pool.query<Row>('SELECT * FROM tool_grants WHERE account_id = $1 AND client_id = $2 ORDER BY connector_id', [accountId, clientId])).rows.map(toGrant);
    },
    async listForAccount(accountId) {
      return (await pool.query<Row>('SELECT * FROM tool_grants WHERE account_id = $1 ORDER BY client_id, connector_id', [accountId])).rows.map(toGrant);
    },
    async replaceForClient(accountId, clientId, grants, atMs) {
      await inTransaction(pool, async (client) => {
        await client.query('DELETE FROM tool_grants WHERE account_id = $1 AND client_id = $2', [accountId, clientId]);
        for (const grant of grants) {
          await client.query(
            'INSERT INTO tool_grants (account_id, client_id, connector_id, tools, prompts, resources, granted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [accountId, clientId, grant.connectorId, toColumn(grant.tools), toColumn(grant.prompts), toColumn(grant.resources), atMs],
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
