/**
 * MCP sessions as the whole cluster sees them (issue 14): the record in the store is the session;
 * what a replica holds in its SessionRegistry is only its copy, built on the first request the load
 * balancer sends it (sessionTransport.ts revive). Changes travel on the store's channel:
 *
 * - `mcp_session_closed`: the session ended (DELETE, evicted, the user revoked the client, idle) —
 *   every replica drops its copy, so the id answers 404 everywhere;
 * - `mcp_session_state`: the client set a log level or subscribed — copies reload it;
 * - `mcp_session_listening`: a replica now holds the session's GET stream — the others stop
 *   sending the session's unsolicited notifications, which would otherwise be logged twice.
 */
import type { Logger } from '../logging/logger.ts';
import type { GatewayStore, McpEventStore, McpSessionRecord } from '../store/store.ts';
import type { SessionRegistry } from './sessionRegistry.ts';
import { restoreState } from './sessionState.ts';

const CLOSED = 'mcp_session_closed';
const STATE = 'mcp_session_state';
const LISTENING = 'mcp_session_listening';

/** A session's last-seen time is written at most this often: idle expiry needs minutes, not every call. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionSharing {
  /** This replica's id: what it asks a client carries it (replicaRequestIds.ts). */
  readonly replicaId: string;
  readonly events: McpEventStore;
  find(id: string): Promise<McpSessionRecord | undefined>;
  /** Stores a new session; the user's oldest beyond `maxPerUser` end everywhere. */
  create(record: McpSessionRecord, maxPerUser: number): Promise<void>;
  /** Ends a session on every replica. */
  end(id: string): Promise<void>;
  /** Ends every session of the user with this client (the user revoked it). */
  endForClient(subject: string, clientId: string): Promise<void>;
  saveState(id: string, state: string): void;
  /** The session was used now (written to the store at most every minute per session). */
  touch(id: string): void;
  /** This replica just opened the session's GET stream. */
  listening(id: string): void;
  /** Ends sessions nobody used for `idleMs`, on every replica. */
  sweepIdle(idleMs: number): Promise<void>;
}

export function createSessionSharing(store: GatewayStore, registry: SessionRegistry, replica: string, logger: Logger): SessionSharing {
  const touched = new Map<string, number>();
  const warn = (what: string) => (error: unknown) => logger.warn('mcp.session_store_failed', { what, error });

  const announceClosed = async (ids: readonly string[]) => {
    for (const id of ids) await store.channel.publish(CLOSED, id).catch(warn('publish'));
  };

  store.channel.subscribe(CLOSED, (id) => {
    touched.delete(id);
    void registry.close(id);
  });
  store.channel.subscribe(STATE, (id) => {
    const copy = registry.get(id);
    if (!copy) return;
    void store.mcpSessions.find(id).then((record) => record && restoreState(copy.server, record.state), warn('state'));
  });
  store.channel.subscribe(LISTENING, (payload) => {
    const [id, from] = payload.split(' ');
    const copy = id ? registry.get(id) : undefined;
    if (copy && from !== replica) copy.listening = false;
  });

  return {
    replicaId: replica,
    events: store.mcpEvents,
    find: (id) => store.mcpSessions.find(id),
    async create(record, maxPerUser) {
      await announceClosed(await store.mcpSessions.create(record, maxPerUser));
    },
    async end(id) {
      await store.mcpSessions.delete(id);
      await announceClosed([id]);
    },
    async endForClient(subject, clientId) {
      await announceClosed(await store.mcpSessions.deleteForClient(subject, clientId));
    },
    saveState(id, state) {
      void store.mcpSessions
        .setState(id, state)
        .then(() => store.channel.publish(STATE, id))
        .catch(warn('state'));
    },
    touch(id) {
      const now = Date.now();
      if (now - (touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
      touched.delete(id);
      touched.set(id, now);
      // Bounded like the registry: the oldest entries only cost an early write later.
      if (touched.size > 4 * registry.limits.maxTotal) touched.delete(touched.keys().next().value as string);
      void store.mcpSessions.touch(id, now).catch(warn('touch'));
    },
    listening(id) {
      void store.channel.publish(LISTENING, `${id} ${replica}`).catch(warn('publish'));
    },
    async sweepIdle(idleMs) {
      await announceClosed(await store.mcpSessions.deleteIdle(Date.now() - idleMs));
    },
  };
}
