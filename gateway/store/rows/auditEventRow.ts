/** An audit_events row as both stores write and read it; each row gets a random id. */
import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../store.ts';

export interface AuditEventRow {
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

export const AUDIT_COLUMNS = ['id', 'at', 'event', 'account_id', 'client_id', 'connector_id', 'tool', 'outcome', 'latency_ms', 'detail'] as const;

/** The values of one new row, in AUDIT_COLUMNS order. */
export const auditValuesOf = (event: AuditEvent) => [
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

export const auditEventOf = (row: AuditEventRow): AuditEvent => ({
  at: Number(row.at),
  event: row.event,
  accountId: row.account_id ?? undefined,
  clientId: row.client_id ?? undefined,
  connectorId: row.connector_id ?? undefined,
  tool: row.tool ?? undefined,
  outcome: row.outcome,
  latencyMs: row.latency_ms === null ? undefined : Number(row.latency_ms),
  detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : undefined,
});

/** How many rows list() returns: at least 1, at most 1000. */
export const auditLimit = (limit: number) => Math.min(Math.max(1, limit), 1000);
