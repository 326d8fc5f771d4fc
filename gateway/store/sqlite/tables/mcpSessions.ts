/**
 * MCP sessions (TRANSPORT-09) as every process sharing the store sees them (issue 14). create()
 * stores the session and evicts the subject's oldest beyond the cap in one transaction, so two
 * sessions opened at once can never leave the subject over it; a session's events go with it.
 * The session just created is never the one evicted.
 */
import type Database from 'better-sqlite3';
import { toMcpSession, type McpSessionRow } from '../../rows/mcpSessionRow.ts';
import type { McpSessionRecord, McpSessionStore } from '../../store.ts';

export function mcpSessions(db: Database.Database): McpSessionStore {
  const insert = db.prepare(`INSERT INTO mcp_sessions (id, subject, client_id, resource, protocol_version, initialize, state, created_at, last_seen_at)
    VALUES (@id, @subject, @clientId, @resource, @protocolVersion, @initialize, @state, @createdAt, @lastSeenAt)
    ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, client_id = excluded.client_id, resource = excluded.resource,
      protocol_version = excluded.protocol_version, initialize = excluded.initialize, state = excluded.state,
      created_at = excluded.created_at, last_seen_at = excluded.last_seen_at`);
  const beyondCap = db.prepare('SELECT id FROM mcp_sessions WHERE subject = ? AND id <> ? ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?').pluck();
  const find = db.prepare('SELECT * FROM mcp_sessions WHERE id = ?');
  const setState = db.prepare('UPDATE mcp_sessions SET state = ? WHERE id = ?');
  const touch = db.prepare('UPDATE mcp_sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE id = ?');
  const remove = db.prepare('DELETE FROM mcp_sessions WHERE id = ?');
  const removeEvents = db.prepare('DELETE FROM mcp_events WHERE session_id = ?');
  const idle = db.prepare('SELECT id FROM mcp_sessions WHERE last_seen_at < ?').pluck();
  const ofClient = db.prepare('SELECT id FROM mcp_sessions WHERE subject = ? AND client_id = ?').pluck();

  const removeAll = (ids: readonly string[]) => {
    for (const id of ids) {
      removeEvents.run(id);
      remove.run(id);
    }
  };
  const create = db.transaction((record: McpSessionRecord, maxPerSubject: number): string[] => {
    insert.run(record);
    const evicted = beyondCap.all(record.subject, record.id, Math.max(0, maxPerSubject - 1)) as string[];
    removeAll(evicted);
    return evicted;
  });
  const removeOne = db.transaction((id: string) => {
    removeEvents.run(id);
    return remove.run(id).changes > 0;
  });
  const removeIdle = db.transaction((beforeMs: number) => {
    const ids = idle.all(beforeMs) as string[];
    removeAll(ids);
    return ids;
  });
  const removeForClient = db.transaction((subject: string, clientId: string) => {
    const ids = ofClient.all(subject, clientId) as string[];
    removeAll(ids);
    return ids;
  });

  return {
    async create(record, maxPerSubject) {
      return create.immediate(record, maxPerSubject);
    },
    async find(id) {
      const row = find.get(id) as McpSessionRow | undefined;
      return row && toMcpSession(row);
    },
    async setState(id, state) {
      setState.run(state, id);
    },
    async touch(id, atMs) {
      touch.run(atMs, id);
    },
    async delete(id) {
      return removeOne.immediate(id);
    },
    async deleteForClient(subject, clientId) {
      return removeForClient.immediate(subject, clientId);
    },
    async deleteIdle(beforeMs) {
      return removeIdle.immediate(beforeMs);
    },
  };
}
