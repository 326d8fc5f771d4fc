/** The audit trail: who did what, through which client and connector, with which outcome. */
import type Database from 'better-sqlite3';
import { AUDIT_COLUMNS, auditEventOf, auditLimit, auditValuesOf, type AuditEventRow } from '../../rows/auditEventRow.ts';
import type { AuditEvent, AuditStore } from '../../store.ts';

export function auditEvents(db: Database.Database): AuditStore {
  const insert = db.prepare(`INSERT INTO audit_events (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`);
  const write = (event: AuditEvent) => insert.run(...auditValuesOf(event));
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
      return (db.prepare(sql).all(...params, auditLimit(limit)) as AuditEventRow[]).map(auditEventOf);
    },
  };
}
