/** The audit trail on PostgreSQL (same rows as sqlite/tables/auditEvents.ts); appendMany is one statement, so one transaction. */
import { AUDIT_COLUMNS, auditEventOf, auditLimit, auditValuesOf, type AuditEventRow } from '../../rows/auditEventRow.ts';
import type { AuditEvent, AuditStore } from '../../store.ts';
import type { Pool } from '../pgTypes.ts';

export function auditEvents(pool: Pool): AuditStore {
  const appendMany = async (events: readonly AuditEvent[]) => {
    if (events.length === 0) return;
    const n = AUDIT_COLUMNS.length;
    const rows = events.map((_, i) => `(${AUDIT_COLUMNS.map((_, c) => `$${i * n + c + 1}`).join(', ')})`);
    await pool.query(
      `INSERT INTO audit_events (${AUDIT_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`,
      events.flatMap(auditValuesOf),
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
      const sql = `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, ctid DESC LIMIT $${params.push(auditLimit(limit))}`;
      return (await pool.query<AuditEventRow>(sql, params)).rows.map(auditEventOf);
    },
  };
}
