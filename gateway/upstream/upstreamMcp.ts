/**
 * MCP sessions from the gateway to upstream MCP servers, one per (user, connector), kept open and
 * reused. Requests carry only the user's upstream credential, injected per request by the fetch the
 * transport uses — the client's gateway token is never in reach of this code (AUTH-09). A 401 gets
 * one renewal (refresh for OAuth) and one retry; a second 401 means the user must reconnect (UP-05).
 * A lost upstream session is reopened once. Every call has the connector's time limit; a request
 * that runs out of time or is rate-limited ends in a typed refusal (upstreamRefusals.ts).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { Logger } from '../logging/logger.ts';
import { OutboundFetchError, type OutboundFetch } from '../net/outboundFetch.ts';
import { credentialHeaders } from './credentials.ts';
import { retryAfterSeconds, UpstreamRateLimited, UpstreamTimedOut } from './upstreamRefusals.ts';
import type { CredentialLease, UpstreamCredentials } from './upstreamCredentials.ts';

export const GATEWAY_CLIENT_INFO = { name: 'gangway-gateway', version: '0.1.0' } as const;

interface PooledSession {
  readonly client: Client;
  lease: CredentialLease;
  lastUsedAt: number;
}

const MAX_SESSIONS = 2000;
const IDLE_MS = 5 * 60_000;

function statusOf(error: unknown): number | undefined {
  if (error instanceof StreamableHTTPError) return error.code;
  if (error instanceof UpstreamRateLimited || error instanceof UpstreamTimedOut) return undefined;
  const message = (error as Error)?.message ?? '';
  const match = /\b(401|403|404)\b/.exec(message);
  return match ? Number(match[1]) : undefined;
}

export interface UpstreamMcpDeps {
  readonly credentials: UpstreamCredentials;
  readonly fetch: OutboundFetch;
  readonly logger: Logger;
}

export interface UpstreamMcp {
  listTools(accountId: string, connector: ConnectorConfig): Promise<Tool[]>;
  callTool(accountId: string, connector: ConnectorConfig, name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** Closes the pooled session (disconnect, credential change). */
  forget(accountId: string, connectorId: string): Promise<void>;
  close(): Promise<void>;
}

export function createUpstreamMcp({ credentials, fetch, logger }: UpstreamMcpDeps): UpstreamMcp {
  const pool = new Map<string, PooledSession>();
  const keyOf = (accountId: string, connectorId: string) => `${accountId}\n${connectorId}`;

  const drop = async (key: string) => {
    const session = pool.get(key);
    pool.delete(key);
    await session?.client.close().catch(() => undefined);
  };

  const open = async (accountId: string, connector: ConnectorConfig, lease: CredentialLease): Promise<PooledSession> => {
    const holder: { lease: CredentialLease } = { lease };
    const transport = new StreamableHTTPClientTransport(new URL(connector.mcpUrl), {
      fetch: async (url, init) => {
        const headers = new Headers(init?.headers);
        for (const [name, value] of Object.entries(credentialHeaders(holder.lease.credential, connector.auth.apiKey))) headers.set(name, value);
        const started = performance.now();
        let response: Response;
        try {
          response = await fetch(url, { method: init?.method, headers, body: init?.body as string | undefined, signal: init?.signal ?? undefined });
        } catch (error) {
          // The outbound time limit ran out (not the SDK closing the session): say so, not "unavailable".
          if (error instanceof OutboundFetchError && error.reason === 'timeout' && !init?.signal?.aborted) throw new UpstreamTimedOut(Math.round(performance.now() - started));
          throw error;
        }
        if (response.status === 429) {
          // The SDK would keep only the status; the user needs to know when to try again.
          await response.body?.cancel().catch(() => undefined);
          throw new UpstreamRateLimited(retryAfterSeconds(response.headers.get('retry-after')));
        }
        return response;
      },
    });
    const client = new Client(GATEWAY_CLIENT_INFO, { capabilities: {} });
    await client.connect(transport, { timeout: connector.timeoutMs });
    const session: PooledSession = {
      client,
      get lease() {
        return holder.lease;
      },
      set lease(value) {
        holder.lease = value;
      },
      lastUsedAt: Date.now(),
    };
    return session;
  };

  const evictIdle = async () => {
    const now = Date.now();
    for (const [key, session] of pool) if (now - session.lastUsedAt > IDLE_MS || pool.size > MAX_SESSIONS) await drop(key);
  };

  /** Runs `work` on the user's session with the connector, renewing the credential once on 401. */
  const withSession = async <T>(accountId: string, connector: ConnectorConfig, work: (client: Client) => Promise<T>): Promise<T> => {
    const key = keyOf(accountId, connector.id);
    let lease = await credentials.lease(accountId, connector);
    let renewed = false;
    let reopened = false;
    for (;;) {
      try {
        let session = pool.get(key);
        if (session && session.lease.version !== lease.version) session.lease = lease;
        if (!session) {
          session = await open(accountId, connector, lease);
          pool.set(key, session);
          void evictIdle();
        }
        session.lastUsedAt = Date.now();
        return await work(session.client);
      } catch (error) {
        const status = statusOf(error);
        if (status === 401) {
          // Keep the session: other calls share it, and the next request carries the renewed
          // credential (the transport's fetch reads the lease each time).
          if (renewed) {
            await drop(key);
            return credentials.requireReconnect(accountId, connector);
          }
          renewed = true;
          lease = await credentials.renew(accountId, connector, lease.version);
          continue;
        }
        if (status === 403) {
          // insufficient_scope: only a new authorization, granting more, can fix it (no step-up yet).
          await drop(key);
          return credentials.requireReconnect(accountId, connector, 'permission');
        }
        if (status === 404 && !reopened) {
          // The upstream forgot our session (restart, expiry): open a new one once.
          reopened = true;
          await drop(key);
          continue;
        }
        // A tool error or a rate limit leaves the session usable; anything else may have broken it.
        if (!(error instanceof UpstreamRateLimited || (error instanceof Error && error.name === 'McpError'))) await drop(key);
        throw error;
      }
    }
  };

  return {
    async listTools(accountId, connector) {
      return withSession(accountId, connector, async (client) => {
        const tools: Tool[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 20; page++) {
          const result = await client.listTools(cursor ? { cursor } : {}, { timeout: connector.timeoutMs });
          tools.push(...result.tools);
          cursor = result.nextCursor;
          if (!cursor) break;
        }
        return tools;
      });
    },
    async callTool(accountId, connector, name, args) {
      return withSession(accountId, connector, async (client) => (await client.callTool({ name, arguments: args }, undefined, { timeout: connector.timeoutMs })) as CallToolResult);
    },
    async forget(accountId, connectorId) {
      await drop(keyOf(accountId, connectorId));
    },
    async close() {
      await Promise.all([...pool.keys()].map(drop));
      logger.debug('upstream.sessions_closed');
    },
  };
}
