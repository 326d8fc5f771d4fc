/**
 * The audit trail (issue 4, point 9): every sign-in, registration, consent, connect, disconnect and
 * tool call is a JSON log line at once and a row in the store — user, client, connector, tool,
 * outcome, latency; never a secret value (details pass through the log redactor; callers record
 * ids only). Rows are written in small batches, one transaction per batch, so a tool call never
 * waits for a disk flush; flush() drains the batch (shutdown, tests).
 */
import type { Logger } from '../logging/logger.ts';
import type { AuditEvent, AuditStore } from '../store/store.ts';

export type AuditEventName =
  | 'user.signed_in'
  | 'user.sign_in_failed'
  | 'client.registered'
  | 'consent.granted'
  | 'consent.denied'
  | 'client.revoked'
  | 'tools.granted'
  | 'connection.connected'
  | 'connection.failed'
  | 'connection.disconnected'
  | 'connection.refreshed'
  | 'connection.needs_reconnect'
  | 'tool.call';

export interface AuditLog {
  record(event: Omit<AuditEvent, 'at' | 'event'> & { event: AuditEventName }): Promise<void>;
  /** Writes every recorded event still waiting in the batch. */
  flush(): Promise<void>;
}

// A commit costs the same for one row or two hundred: under a steady stream of tool calls, a
// longer wait means fewer commits (issue 12 profile: one commit every 20 ms was 5 % of the
// gateway's CPU). Rows wait at most this long; the log line of each event is written at once.
const BATCH_DELAY_MS = 100;
const BATCH_MAX = 200;

export function createAuditLog(store: AuditStore, logger: Logger): AuditLog {
  let pending: AuditEvent[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await store.appendMany(batch).catch((error: unknown) => logger.error('audit.write_failed', { error, events: batch.length }));
  };

  return {
    async record(event) {
      const full: AuditEvent = { at: Date.now(), ...event };
      logger.info(`audit.${event.event}`, {
        account_id: full.accountId,
        client_id: full.clientId,
        connector_id: full.connectorId,
        tool: full.tool,
        outcome: full.outcome,
        latency_ms: full.latencyMs,
        ...(full.detail ? { detail: full.detail } : {}),
      });
      pending.push(full);
      if (pending.length >= BATCH_MAX) await flush();
      else timer ??= setTimeout(() => void flush(), BATCH_DELAY_MS);
    },
    flush,
  };
}
