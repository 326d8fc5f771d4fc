/**
 * The resumable SSE event log on PostgreSQL (as sqlite/tables/mcpEvents.ts). An identity column
 * alone is unique but not in commit order: two replicas appending to one session could commit seq
 * 8 after seq 9, and a client resuming after 9 would never see 8. So append() takes a transaction
 * advisory lock on the session in the same statement, before the identity is drawn: appends to one
 * session commit one after another, in seq order. Different sessions never wait for each other
 * (bar a hash collision).
 */
import type { McpEventStore } from '../../store.ts';
import { trimmedEventsSql } from '../../rows/mcpEventTrim.ts';
import type { Pool } from '../pgTypes.ts';

/** First key of the advisory locks on event logs (sessions use another). */
export const EVENT_LOCK_SPACE = 0x6d637065; // 'mcpe'

export function mcpEvents(pool: Pool): McpEventStore {
  return {
    async append(sessionId, streamId, json) {
      const result = await pool.query<{ seq: number }>(
        `WITH locked AS (SELECT pg_advisory_xact_lock($1, hashtext($2)))
         INSERT INTO mcp_events (session_id, stream_id, message) SELECT $2, $3, $4 FROM locked RETURNING seq`,
        [EVENT_LOCK_SPACE, sessionId, streamId, json],
      );
      return result.rows[0]!.seq;
    },
    async streamOf(sessionId, seq) {
      return (await pool.query<{ stream_id: string }>('SELECT stream_id FROM mcp_events WHERE session_id = $1 AND seq = $2', [sessionId, seq])).rows[0]?.stream_id;
    },
    async after(sessionId, streamId, seq) {
      const rows = (await pool.query<{ seq: number; message: string }>('SELECT seq, message FROM mcp_events WHERE session_id = $1 AND stream_id = $2 AND seq > $3 ORDER BY seq', [sessionId, streamId, seq])).rows;
      return rows.map((row) => ({ seq: row.seq, json: row.message }));
    },
    async trim(sessionId, maxEvents, maxChars) {
      await pool.query(`DELETE FROM mcp_events WHERE seq IN (${trimmedEventsSql('$1', '$2', '$3')})`, [sessionId, maxEvents, maxChars]);
    },
  };
}
