/** An mcp_sessions row as both stores read it. */
import type { McpSessionRecord } from '../store.ts';

export interface McpSessionRow {
  id: string;
  subject: string;
  client_id: string;
  resource: string;
  protocol_version: string;
  initialize: string;
  state: string;
  created_at: number | string;
  last_seen_at: number | string;
}

export const toMcpSession = (row: McpSessionRow): McpSessionRecord => ({
  id: row.id,
  subject: row.subject,
  clientId: row.client_id,
  resource: row.resource,
  protocolVersion: row.protocol_version,
  initialize: row.initialize,
  state: row.state,
  createdAt: Number(row.created_at),
  lastSeenAt: Number(row.last_seen_at),
});
