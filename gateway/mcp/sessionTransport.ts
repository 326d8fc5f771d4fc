/**
 * A new MCP session: the SDK's web-standard Streamable HTTP transport with the gateway's own MCP
 * server behind it, registered under the id the transport generates once `initialize` succeeds.
 * Resumable: every SSE event gets an id from the session's bounded event log, and the priming event
 * tells the client how soon to reconnect a broken stream (TRANSPORT-08).
 */
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Logger } from '../logging/logger.ts';
import { guardToolCallParams } from '../tools/toolCallParams.ts';
import { SessionEventLog } from './sessionEventLog.ts';
import { newSessionId, type SessionOwner, type SessionRegistry } from './sessionRegistry.ts';

/** The `retry` hint of the priming event: how soon a client should reconnect a broken stream. */
const RETRY_INTERVAL_MS = 2000;

export type SessionOpener = (owner: SessionOwner) => Promise<WebStandardStreamableHTTPServerTransport>;

export function sessionOpener(sessions: SessionRegistry, createServer: () => Server, logger: Logger): SessionOpener {
  return async (owner) => {
    const server = createServer();
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: newSessionId,
      eventStore: new SessionEventLog(),
      retryInterval: RETRY_INTERVAL_MS,
      onsessioninitialized: (id) => {
        sessions.add({ id, owner, transport, server, lastSeenAt: Date.now() });
        logger.info('mcp.session_opened', { account_id: owner.subject, client_id: owner.clientId });
      },
      onsessionclosed: (id) => {
        sessions.remove(id);
        logger.info('mcp.session_closed', { account_id: owner.subject, client_id: owner.clientId });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.remove(transport.sessionId);
    };
    await server.connect(transport);
    guardToolCallParams(transport);
    return transport;
  };
}
