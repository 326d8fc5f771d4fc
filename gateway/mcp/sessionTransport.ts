/**
 * MCP sessions of one endpoint: the SDK's web-standard Streamable HTTP transport with the gateway's
 * own MCP server behind it. Resumable: every SSE event gets an id from the session's event log, and
 * the priming event tells the client how soon to reconnect a broken stream (TRANSPORT-08).
 *
 * Shared by every replica (issue 14). `open` stores the session — who opened it on which endpoint,
 * and the client's `initialize` — once the SDK accepts it. `revive` rebuilds a session this process
 * has never seen (the load balancer sent its next request here, or the replica that had it died):
 * a new transport and server under the same id, brought to the initialized state by replaying the
 * stored `initialize` through the SDK's own code path, then given the state the client set since
 * (log level, subscriptions). Only public SDK interfaces are used for that, so an SDK update cannot
 * silently leave a rebuilt session half-initialized.
 */
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS, type InitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../logging/logger.ts';
import type { McpSessionRecord } from '../store/store.ts';
import { guardToolCallParams } from '../tools/toolCallParams.ts';
import { SessionEventLog } from './sessionEventLog.ts';
import { tagServerRequests } from './replicaRequestIds.ts';
import { newSessionId, type McpSession, type SessionOwner, type SessionRegistry } from './sessionRegistry.ts';
import type { SessionSharing } from './sessionSharing.ts';
import { EMPTY_STATE, restoreState, snapshotState } from './sessionState.ts';
import { onStateChange } from './sessionStateWatch.ts';

/** The `retry` hint of the priming event: how soon a client should reconnect a broken stream. */
const RETRY_INTERVAL_MS = 2000;

export interface SessionOpener {
  /** A transport for an `initialize` request; the session is registered and stored once the SDK accepts it. */
  open(owner: SessionOwner, initialize: InitializeRequest): Promise<WebStandardStreamableHTTPServerTransport>;
  /** This process's copy of a stored session (the caller checked the owner). */
  revive(record: McpSessionRecord): Promise<McpSession>;
}

interface Built {
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly server: Server;
  readonly log: SessionEventLog;
}

const negotiated = (requested: string) => (SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : LATEST_PROTOCOL_VERSION);

export function sessionOpener(sessions: SessionRegistry, createServer: () => Server, shared: SessionSharing, logger: Logger): SessionOpener {
  const build = async (id: string, owner: SessionOwner, onInitialized: (built: Built) => Promise<void>): Promise<Built> => {
    const server = createServer();
    const log = new SessionEventLog(shared.events, id);
    const built: Built = {
      server,
      log,
      transport: new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => id,
        eventStore: log,
        retryInterval: RETRY_INTERVAL_MS,
        onsessioninitialized: () => onInitialized(built),
        // DELETE from the client: the session ends on every replica.
        onsessionclosed: async () => {
          sessions.remove(id);
          await shared.end(id);
          logger.info('mcp.session_closed', { account_id: owner.subject, client_id: owner.clientId });
        },
      }),
    };
    // A transport closed here (idle, evicted, shutting down) leaves only this process's copy.
    built.transport.onclose = () => sessions.remove(id);
    await server.connect(built.transport);
    guardToolCallParams(built.transport);
    // What this copy asks the client carries this replica's id, so the answer finds its way back.
    tagServerRequests(built.transport, shared.replicaId);
    // Whatever the client sets later is saved for the other replicas.
    onStateChange(server, () => shared.saveState(id, snapshotState(server)));
    return built;
  };

  const register = (id: string, owner: SessionOwner, { transport, server }: Built): McpSession => {
    const session: McpSession = { id, owner, transport, server, lastSeenAt: Date.now(), listening: false };
    sessions.add(session);
    return session;
  };

  return {
    async open(owner, initialize) {
      const id = newSessionId();
      const { transport } = await build(id, owner, async (built) => {
        register(id, owner, built);
        const now = Date.now();
        await shared.create(
          { id, ...owner, clientId: owner.clientId, protocolVersion: negotiated(initialize.params.protocolVersion), initialize: JSON.stringify(initialize.params), state: EMPTY_STATE, createdAt: now, lastSeenAt: now },
          sessions.limits.maxPerUser,
        );
        logger.info('mcp.session_opened', { account_id: owner.subject, client_id: owner.clientId });
      });
      return transport;
    },

    async revive(record) {
      const owner: SessionOwner = { subject: record.subject, clientId: record.clientId, resource: record.resource };
      const built = await build(record.id, owner, async () => undefined);
      built.log.muted = true;
      try {
        const replay = { jsonrpc: '2.0' as const, id: 0, method: 'initialize', params: { ...(JSON.parse(record.initialize) as object), protocolVersion: record.protocolVersion } };
        const request = new Request('http://127.0.0.1/mcp', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify(replay),
        });
        const answer = await built.transport.handleRequest(request, { parsedBody: replay });
        // Read to the end: the SDK closes this stream once the initialize result is written.
        const text = await answer.text();
        if (answer.status !== 200 || !text.includes('"result"')) throw new Error(`replayed initialize answered ${answer.status}`);
      } finally {
        built.log.muted = false;
      }
      restoreState(built.server, record.state);
      logger.info('mcp.session_revived', { account_id: record.subject, client_id: record.clientId });
      return register(record.id, owner, built);
    },
  };
}
