/** The audit trail: who did what, through which client and connector, with which outcome. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditEvent, AuditStore } from '../../store.ts';

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

export function auditEvents(db: Database.Database): AuditStore {
  const insert = db.prepare(`INSERT INTO audit_events (id, at, event, account_id, client_id, connector_id, tool, outcome, latency_ms, detail)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const write = (event: AuditEvent) =>
    insert.run(
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
      );
  const writeMany = db.transaction((events: readonly AuditEvent[]) => {
    for (const event of events) write(event);
  });
  return {
    async append(event) {
      write(event);
    },
    async appendMany(events) {
      writeMany(events);
    },
    async list({ accountId, event, limit = 100 }) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (accountId) {
        where.push('account_id = ?');
        params.push(accountId);
      }
      if (event) {
        where.push('event = ?');
        params.push(event);
      }
      const sql = `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, rowid DESC LIMIT ?`;
      return (db.prepare(sql).all(...params, Math.min(Math.max(1, limit), 1000)) as Row[]).map((row) => ({
        at: Number(row.at),
        event: row.event,
        accountId: row.account_id ?? undefined,
        clientId: row.client_id ?? undefined,
        connectorId: row.connector_id ?? undefined,
        tool: row.tool ?? undefined,
        outcome: row.outcome,
        latencyMs: row.latency_ms === null ? undefined : Number(row.latency_ms),
        detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : undefined,
      }));
    },
  };
}
