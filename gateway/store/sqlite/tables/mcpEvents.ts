/**
 * The resumable SSE event log of MCP sessions (TRANSPORT-08), shared by every process on the file
 * (issue 14). The sequence number is the table's AUTOINCREMENT id: SQLite has one writer at a time,
 * so ids increase in commit order. trim() keeps the same bound as the in-memory log
 * (mcp/sessionEventLog.ts): the newest events up to a count and a size, the newest always kept.
 */
import type Database from 'better-sqlite3';
import { trimmedEventsSql } from '../../rows/mcpEventTrim.ts';
import type { McpEventStore } from '../../store.ts';

export function mcpEvents(db: Database.Database): McpEventStore {
  const append = db.prepare('INSERT INTO mcp_events (session_id, stream_id, message) VALUES (?, ?, ?) RETURNING seq').pluck();
  const streamOf = db.prepare('SELECT stream_id FROM mcp_events WHERE session_id = ? AND seq = ?').pluck();
  const after = db.prepare('SELECT seq, message FROM mcp_events WHERE session_id = ? AND stream_id = ? AND seq > ? ORDER BY seq');
  const trim = db.prepare(`DELETE FROM mcp_events WHERE seq IN (${trimmedEventsSql('@session', '@max', '@maxChars')})`);
  return {
    async append(sessionId, streamId, json) {
      return Number(append.get(sessionId, streamId, json));
    },
    async streamOf(sessionId, seq) {
      return streamOf.get(sessionId, seq) as string | undefined;
    },
    async after(sessionId, streamId, seq) {
      return (after.all(sessionId, streamId, seq) as { seq: number; message: string }[]).map((row) => ({ seq: Number(row.seq), json: row.message }));
    },
    async trim(sessionId, maxEvents, maxChars) {
      trim.run({ session: sessionId, max: maxEvents, maxChars });
    },
  };
}
