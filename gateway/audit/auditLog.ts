/**
 * The audit trail (issue 4, point 9): every sign-in, registration, consent, connect, disconnect and
 * tool call is a row in the store and a JSON log line — user, client, connector, tool, outcome,
 * latency. Never a secret value: details pass through the log redactor and callers record ids only.
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
}

export function createAuditLog(store: AuditStore, logger: Logger): AuditLog {
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
      await store.append(full).catch((error: unknown) => logger.error('audit.write_failed', { error }));
    },
  };
}
