/** The audit trail on PostgreSQL (same rows as sqlite/tables/auditEvents.ts); appendMany is one statement, so one transaction. */
import { randomUUID } from 'node:crypto';
import type { AuditEvent, AuditStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

interface Row {
  at: number;
  event: string;
  account_id: string | null;
  client_id: string | null;
  connector_id: string | null;
  tool: string | null;
  outcome: string;
  latency_ms: number | null;
  detail: string | null;
}

const COLUMNS = 10;
const valuesOf = (event: AuditEvent) => [
  randomUUID(),
  event.at,
  event.event,
  event.accountId ?? null,
  event.clientId ?? null,
  event.connectorId ?? null,
  event.tool ?? null,
  event.outcome,
  event.latencyMs ?? null,
  event.detail ? JSON.stringify(event.detail) : null,
];

export function auditEvents(pool: Pool): AuditStore {
  const appendMany = async (events: readonly AuditEvent[]) => {
    if (events.length === 0) return;
    const rows = events.map((_, i) => `(${Array.from({ length: COLUMNS }, (_, c) => `$${i * COLUMNS + c + 1}`).join(', ')})`);
    await pool.query(
      `INSERT INTO audit_events (id, at, event, account_id, client_id, connector_id, tool, outcome, latency_ms, detail) VALUES ${rows.join(', ')}`,
      events.flatMap(valuesOf),
    );
  };
  return {
    async append(event) {
      await appendMany([event]);
    },
    appendMany,
    async list({ accountId, event, limit = 100 }) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (accountId) where.push(`account_id = $${params.push(accountId)}`);
      if (event) where.push(`event = $${params.push(event)}`);
      // ctid stands in for SQLite's rowid as the tie-break; rows of one batch share `at`.
      const sql = `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, ctid DESC LIMIT $${params.push(Math.min(Math.max(1, limit), 1000))}`;
      return (await pool.query<Row>(sql, params)).rows.map((row) => ({
        at: row.at,
        event: row.event,
        accountId: row.account_id ?? undefined,
        clientId: row.client_id ?? undefined,
        connectorId: row.connector_id ?? undefined,
        tool: row.tool ?? undefined,
        outcome: row.outcome,
        latencyMs: row.latency_ms ?? undefined,
        detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : undefined,
      }));
    },
  };
}
