/**
 * A tool_grants row as both stores read and write it: tools, prompts and resources each '*' (all of
 * them) or a sorted JSON list of the upstream's own names.
 */
import type { GrantedItems, ToolGrant } from '../store.ts';

export interface ToolGrantRow {
  account_id: string;
  client_id: string;
  connector_id: string;
  tools: string;
  prompts: string;
  resources: string;
  granted_at: number;
}

const fromColumn = (value: string): GrantedItems => (value === '*' ? '*' : (JSON.parse(value) as string[]));
export const grantedItemsColumn = (items: GrantedItems | undefined): string => (items === undefined || items === '*' ? '*' : JSON.stringify([...items].sort()));

export const toolGrantOf = (row: ToolGrantRow): ToolGrant => ({
  accountId: row.account_id,
  clientId: row.client_id,
  connectorId: row.connector_id,
  tools: fromColumn(row.tools),
  prompts: fromColumn(row.prompts),
  resources: fromColumn(row.resources),
  grantedAt: Number(row.granted_at),
});
