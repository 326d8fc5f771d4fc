/**
 * MCP sessions on PostgreSQL (as sqlite/tables/mcpSessions.ts). create() runs in one transaction
 * that first takes a transaction advisory lock on the subject: two replicas opening sessions for the
 * same user at once take turns, so the cap per subject holds cluster-wide and each evicted id is
 * returned to exactly one of them.
 */
import type { McpSessionStore } from '../../store.ts';
import { toMcpSession, type McpSessionRow } from '../../rows/mcpSessionRow.ts';
import { inTransaction, type Pool, type Queryable } from '../pgTypes.ts';

/** First key of the two-key advisory locks on sessions; the one-key (migration) lock space is separate. */
export const SESSION_LOCK_SPACE = 0x6d637073; // 'mcps'

async function removeAll(client: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query('DELETE FROM mcp_events WHERE session_id = ANY($1)', [ids]);
  await client.query('DELETE FROM mcp_sessions WHERE id = ANY($1)', [ids]);
}

async function removeWhere(pool: Pool, where: string, params: unknown[]): Promise<string[]> {
  return inTransaction(pool, async (client) => {
    const ids = (await client.query<{ id: string }>(`DELETE FROM mcp_sessions WHERE ${where} RETURNING id`, params)).rows.map((row) => row.id);
    if (ids.length > 0) await client.query('DELETE FROM mcp_events WHERE session_id = ANY($1)', [ids]);
    return ids;
  });
}

export function mcpSessions(pool: Pool): McpSessionStore {
  return {
    async create(record, maxPerSubject) {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SESSION_LOCK_SPACE, record.subject]);
        await client.query(
          `INSERT INTO mcp_sessions (id, subject, client_id, resource, protocol_version, initialize, state, created_at, last_seen_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, client_id = excluded.client_id, resource = excluded.resource,
             protocol_version = excluded.protocol_version, initialize = excluded.initialize, state = excluded.state,
             created_at = excluded.created_at, last_seen_at = excluded.last_seen_at`,
          [record.id, record.subject, record.clientId, record.resource, record.protocolVersion, record.initialize, record.state, record.createdAt, record.lastSeenAt],
        );
        const evicted = (
          await client.query<{ id: string }>('SELECT id FROM mcp_sessions WHERE subject = $1 AND id <> $2 ORDER BY created_at DESC, id DESC OFFSET $3', [
            record.subject,
            record.id,
            Math.max(0, maxPerSubject - 1),
          ])
        ).rows.map((row) => row.id);
        await removeAll(client, evicted);
        return evicted;
      });
    },
    async find(id) {
      const row = (await pool.query<McpSessionRow>('SELECT * FROM mcp_sessions WHERE id = $1', [id])).rows[0];
      return row && toMcpSession(row);
    },
    async setState(id, state) {
      await pool.query('UPDATE mcp_sessions SET state = $1 WHERE id = $2', [state, id]);
    },
    async touch(id, atMs) {
      await pool.query('UPDATE mcp_sessions SET last_seen_at = GREATEST(last_seen_at, $1) WHERE id = $2', [atMs, id]);
    },
    async delete(id) {
      return (await removeWhere(pool, 'id = $1', [id])).length > 0;
    },
    deleteForClient: (subject, clientId) => removeWhere(pool, 'subject = $1 AND client_id = $2', [subject, clientId]),
    deleteIdle: (beforeMs) => removeWhere(pool, 'last_seen_at < $1', [beforeMs]),
  };
}
