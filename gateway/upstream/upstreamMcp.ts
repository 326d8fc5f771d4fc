/**
 * MCP sessions from the gateway to upstream MCP servers, one per (user, connector), kept open and
 * reused. Requests carry only the user's upstream credential, added per request — the client's
 * gateway token is never in reach of this code (AUTH-09). A 401 gets one renewal (refresh for
 * OAuth) and one retry; a second 401 means the user must reconnect (UP-05). A lost upstream
 * session (404) is reopened once. Every request has the connector's time limit as its one deadline
 * (upstreamRpc.ts); a request that runs out of time or is rate-limited ends in a typed refusal
 * (upstreamRefusals.ts).
 *
 * A `notifications/{tools,prompts,resources}/list_changed` the upstream sends on an answer's stream
 * is passed on (onListChanged): the gateway drops that user's cached list and tells their sessions.
 *
 * Raw JSON-RPC over pooled keep-alive connections rather than the SDK's client (issue 12): the
 * gateway forwards what the upstream answered, and re-validating every answer with zod, through
 * WHATWG streams, was most of the cost of a proxied call.
 */
import type { CallToolResult, CompleteResult, GetPromptResult, Prompt, ReadResourceResult, Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';
import { logSeverity } from '../../wire/logLevels.ts';
import { isJsonObject, type JsonObject } from '../../wire/jsonRpcMessages.ts';
import { initializeRequest } from '../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION, SPEC_REVISIONS } from '../../wire/protocolVersions.ts';
import type { ConnectorConfig } from '../connectors/catalogSchema.ts';
import type { Logger } from '../logging/logger.ts';
import type { OutboundFetch } from '../net/outboundFetch.ts';
import { credentialHeaders } from './credentials.ts';
import { UpstreamCancelled, UpstreamHttpError, UpstreamMalformed, UpstreamRpcError } from './upstreamRefusals.ts';
import type { CredentialLease, UpstreamCredentials } from './upstreamCredentials.ts';
import { postRpc, type RpcTarget, type StreamListeners } from './upstreamRpc.ts';
import { announcesChanges, openUpstreamStream, type UpstreamStream } from './upstreamStream.ts';
import { upstreamReplier } from './upstreamReplies.ts';
import { entriesWith, progressOf, usableTools, type Progress } from './upstreamAnswers.ts';

const GATEWAY_CLIENT_INFO = { name: 'gangway-gateway', version: '0.1.0' } as const;

/** What the gateway knows of one open upstream session. */
interface UpstreamSession {
  readonly sessionId: string | undefined;
  readonly protocolVersion: string;
  /** What the upstream declared in its initialize result. */
  readonly capabilities: JsonObject;
  lastUsedAt: number;
  /** The server's standalone GET stream, when it may announce changes on its own (upstreamStream.ts). */
  stream?: UpstreamStream;
}

const MAX_SESSIONS = 2000;
const IDLE_MS = 5 * 60_000;
const MAX_LIST_PAGES = 20;
/** Revisions an upstream may answer `initialize` with: the stateful ones, and 2025-03-26 still met in the wild. */
const ACCEPTED_VERSIONS = new Set<string>([...SPEC_REVISIONS.filter((revision) => revision !== '2026-07-28'), '2025-03-26']);

const statusOf = (error: unknown): number | undefined => (error instanceof UpstreamHttpError ? error.status : undefined);

export interface UpstreamMcpDeps {
  readonly credentials: UpstreamCredentials;
  readonly fetch: OutboundFetch;
  readonly logger: Logger;
  /** The upstream said a list of its changed (notifications/{tools,prompts,resources}/list_changed on an answer's stream). */
  readonly onListChanged?: (accountId: string, connectorId: string, kind: 'tools' | 'prompts' | 'resources') => void;
  /** The upstream said one of its resources changed (notifications/resources/updated, its own URI). */
  readonly onResourceUpdated?: (accountId: string, connectorId: string, uri: string) => void;
}

/**
 * The client's answer to a request the upstream made of it; throws an error with a JSON-RPC `code`
 * to refuse. `signal` aborts when the upstream cancels its request (notifications/cancelled).
 */
export type UpstreamRequestHandler = (method: string, params: JsonObject, signal?: AbortSignal) => Promise<JsonObject>;

export interface CallOptions {
  /** Asks the upstream for progress (a progressToken of the gateway's own) and hands each report on. */
  readonly onProgress?: (progress: Progress) => void;
  /** Passes the upstream's requests during the call (elicitation, sampling) to the client. */
  readonly onUpstreamRequest?: UpstreamRequestHandler;
  /** Hands on the upstream's `notifications/message` params sent during the call. */
  readonly onLog?: (params: JsonObject) => void;
  /** The client cancelled the call: the upstream is told (notifications/cancelled) and no longer awaited. */
  readonly signal?: AbortSignal;
}

/**
 * What the gateway tells upstreams it can do: it can carry elicitation and sampling to a client that
 * declared them (and refuses them, saying why, for one that did not).
 */
const UPSTREAM_CAPABILITIES = { elicitation: {}, sampling: {} };
const MAX_LOG_LEVELS = 10_000;
const JSONRPC_METHOD_NOT_FOUND = -32601;
const LIST_CHANGED = new Map((['tools', 'prompts', 'resources'] as const).map((kind) => [`notifications/${kind}/list_changed`, kind]));

export interface UpstreamMcp {
  listTools(accountId: string, connector: ConnectorConfig): Promise<Tool[]>;
  /** The upstream's prompts; none when it does not offer prompts. */
  listPrompts(accountId: string, connector: ConnectorConfig): Promise<Prompt[]>;
  /** `options`: the upstream may ask the client something while it answers (passed like a tool call's). */
  getPrompt(accountId: string, connector: ConnectorConfig, name: string, args: Record<string, string>, options?: Pick<CallOptions, 'onUpstreamRequest' | 'signal'>): Promise<GetPromptResult>;
  /** The upstream's resources and resource templates; none when it does not offer resources. */
  listResources(accountId: string, connector: ConnectorConfig): Promise<Resource[]>;
  listResourceTemplates(accountId: string, connector: ConnectorConfig): Promise<ResourceTemplate[]>;
  readResource(accountId: string, connector: ConnectorConfig, uri: string, options?: Pick<CallOptions, 'onUpstreamRequest' | 'signal'>): Promise<ReadResourceResult>;
  /** resources/subscribe with the upstream's own URI (for the user: their sessions share it). */
  subscribe(accountId: string, connector: ConnectorConfig, uri: string): Promise<void>;
  /** completion/complete for one of the upstream's prompts (its own name in `ref`). */
  complete(accountId: string, connector: ConnectorConfig, params: Record<string, unknown>): Promise<CompleteResult>;
  callTool(accountId: string, connector: ConnectorConfig, name: string, args: Record<string, unknown>, options?: CallOptions): Promise<CallToolResult>;
  /**
   * logging/setLevel fanned out (issue 13): the upstream session, shared by all of the user's client
   * sessions, is set to the most verbose level any of them asked for — now if it is open and offers
   * logging, else as soon as it opens. It is never lowered again: each client session still gets only
   * the messages at its own level (sessionLogging.ts filters), so none loses what it asked for.
   */
  setLogLevel(accountId: string, connector: ConnectorConfig, level: string): Promise<void>;
  /** Forgets the pooled session (disconnect, credential change). */
  forget(accountId: string, connectorId: string): Promise<void>;
  close(): Promise<void>;
}

export function createUpstreamMcp({ credentials, fetch, logger, onListChanged, onResourceUpdated }: UpstreamMcpDeps): UpstreamMcp {
  const pool = new Map<string, UpstreamSession>();
  const opening = new Map<string, Promise<UpstreamSession>>();
  const keyOf = (accountId: string, connectorId: string) => `${accountId}\n${connectorId}`;
  let nextId = 1;
  /** (user, connector) → the log level its upstream session is set to (or will be, once open). */
  const logLevels = new Map<string, string>();

  // Parsed once per connector, not once per request.
  const urls = new WeakMap<ConnectorConfig, URL>();
  const urlOf = (connector: ConnectorConfig) => {
    let url = urls.get(connector);
    if (!url) urls.set(connector, (url = new URL(connector.mcpUrl)));
    return url;
  };
  const target = (connector: ConnectorConfig, lease: CredentialLease, session?: UpstreamSession): RpcTarget => ({
    url: urlOf(connector),
    credentialHeaders: credentialHeaders(lease.credential, connector.auth.apiKey),
    sessionId: session?.sessionId,
    protocolVersion: session?.protocolVersion,
    timeoutMs: connector.timeoutMs,
  });

  const open = async (accountId: string, connector: ConnectorConfig, lease: CredentialLease): Promise<UpstreamSession> => {
    const hello = initializeRequest(LATEST_STATEFUL_REVISION, GATEWAY_CLIENT_INFO, nextId++, UPSTREAM_CAPABILITIES);
    const answer = await postRpc(fetch, target(connector, lease), hello);
    const version = answer.result?.protocolVersion;
    if (typeof version !== 'string' || !ACCEPTED_VERSIONS.has(version)) throw new UpstreamMalformed(`the upstream answered initialize with protocol version ${String(version).slice(0, 40)}, which the gateway does not speak`);
    const capabilities = isJsonObject(answer.result?.capabilities) ? answer.result.capabilities : {};
    const session: UpstreamSession = { sessionId: answer.sessionId, protocolVersion: version, capabilities, lastUsedAt: Date.now() };
    await postRpc(fetch, target(connector, lease, session), { method: 'notifications/initialized' });
    // What the server announces on its own (list_changed after adding a tool) comes on its GET stream.
    if (session.sessionId && announcesChanges(capabilities)) {
      session.stream = openUpstreamStream(fetch, target(connector, lease, session), (message) => noticed(accountId, connector, message), logger);
    }
    const level = logLevels.get(keyOf(accountId, connector.id));
    if (level && isJsonObject(capabilities.logging)) {
      await postRpc(fetch, target(connector, lease, session), { id: nextId++, method: 'logging/setLevel', params: { level } }).catch((error: unknown) =>
        logger.debug('upstream.set_level_failed', { connector_id: connector.id, error: (error as Error)?.message }),
      );
    }
    return session;
  };

  /** Forgets a pooled session, closing its GET stream. */
  const drop = (key: string) => {
    pool.get(key)?.stream?.close();
    pool.delete(key);
  };

  /** The pooled session, or one opened now (concurrent first calls share one initialize). */
  const sessionFor = async (accountId: string, connector: ConnectorConfig, lease: CredentialLease): Promise<UpstreamSession> => {
    const key = keyOf(accountId, connector.id);
    const pooled = pool.get(key);
    if (pooled) return pooled;
    let pending = opening.get(key);
    if (!pending) {
      pending = open(accountId, connector, lease).finally(() => opening.delete(key));
      opening.set(key, pending);
      const session = await pending;
      pool.set(key, session);
      evictIdle();
      return session;
    }
    return pending;
  };

  const evictIdle = () => {
    const now = Date.now();
    for (const [key, session] of pool) if (now - session.lastUsedAt > IDLE_MS || pool.size > MAX_SESSIONS) drop(key);
  };

  const replyTo = upstreamReplier(fetch, logger);

  /** Where the upstream's requests during a request go, and what cancels it (only what the caller set). */
  const listenFor = (options: { onUpstreamRequest?: UpstreamRequestHandler | undefined; signal?: AbortSignal | undefined } | undefined) => ({
    ...(options?.onUpstreamRequest ? { onUpstreamRequest: options.onUpstreamRequest } : {}),
    ...(options?.signal ? { signal: options.signal } : {}),
  });

  /** What an upstream's notification on an answer stream changes for the user: a list, a resource. */
  const noticed = (accountId: string, connector: ConnectorConfig, message: JsonObject) => {
    const kind = LIST_CHANGED.get(String(message.method));
    if (kind) onListChanged?.(accountId, connector.id, kind);
    else if (message.method === 'notifications/resources/updated' && isJsonObject(message.params) && typeof message.params.uri === 'string') onResourceUpdated?.(accountId, connector.id, message.params.uri);
  };

  /** One request on the user's session with the connector, renewing the credential once on 401. */
  const request = async (
    accountId: string,
    connector: ConnectorConfig,
    method: string,
    params: Record<string, unknown>,
    listen: { onNotification?: StreamListeners['onNotification']; onUpstreamRequest?: UpstreamRequestHandler; signal?: AbortSignal } = {},
  ): Promise<JsonObject> => {
    const key = keyOf(accountId, connector.id);
    let lease = await credentials.lease(accountId, connector);
    let renewed = false;
    let reopened = false;
    for (;;) {
      try {
        const session = await sessionFor(accountId, connector, lease);
        session.lastUsedAt = Date.now();
        const here = target(connector, lease, session);
        const id = nextId++;
        // Cancellation, upstream → client: the upstream's notifications/cancelled for a request it made of the client.
        const asking = new Map<unknown, AbortController>();
        const answer = await postRpc(fetch, here, { id, method, params }, {
          onNotification: (message) => {
            if (message.method === 'notifications/cancelled' && isJsonObject(message.params)) asking.get(message.params.requestId)?.abort();
            noticed(accountId, connector, message);
            listen.onNotification?.(message);
          },
          ...(listen.signal ? { signal: listen.signal } : {}),
          onRequest: (message) => replyTo(message, here, listen.onUpstreamRequest, asking),
        }).catch(async (error: unknown) => {
          // Cancellation, client → upstream: the client's notifications/cancelled becomes the upstream's.
          if (error instanceof UpstreamCancelled) {
            await postRpc(fetch, here, { method: 'notifications/cancelled', params: { requestId: id, reason: 'the client cancelled the request' } }).catch(() => undefined);
          }
          throw error;
        });
        return answer.result!;
      } catch (error) {
        const status = statusOf(error);
        if (status === 401) {
          if (renewed) {
            drop(key);
            return credentials.requireReconnect(accountId, connector);
          }
          renewed = true;
          lease = await credentials.renew(accountId, connector, lease.version);
          continue;
        }
        if (status === 403) {
          // insufficient_scope: only a new authorization, granting more, can fix it (no step-up yet).
          drop(key);
          return credentials.requireReconnect(accountId, connector, 'permission');
        }
        if (status === 404 && !reopened) {
          // The upstream forgot our session (restart, expiry): open a new one once.
          reopened = true;
          drop(key);
          continue;
        }
        throw error;
      }
    }
  };

  /**
   * A list of something the upstream may not offer: an upstream that declared no such capability
   * is not asked, and one that refuses the method (-32601) has none.
   */
  const offered = async <T>(accountId: string, connector: ConnectorConfig, capability: string, list: () => Promise<T[]>): Promise<T[]> => {
    const known = pool.get(keyOf(accountId, connector.id));
    if (known && !isJsonObject(known.capabilities[capability])) return [];
    try {
      return await list();
    } catch (error) {
      if (error instanceof UpstreamRpcError && error.code === JSONRPC_METHOD_NOT_FOUND) return [];
      throw error;
    }
  };

  /** Every page of a list (bounded), each page's entries filtered by `usable`. */
  const listAll = async <T>(accountId: string, connector: ConnectorConfig, method: string, usable: (result: JsonObject) => T[]): Promise<T[]> => {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const result = await request(accountId, connector, method, cursor ? { cursor } : {});
      items.push(...usable(result));
      cursor = typeof result.nextCursor === 'string' ? result.nextCursor : undefined;
      if (!cursor) break;
    }
    return items;
  };

  return {
    listTools: (accountId, connector) => listAll(accountId, connector, 'tools/list', usableTools),
    listPrompts: (accountId, connector) => offered(accountId, connector, 'prompts', () => listAll(accountId, connector, 'prompts/list', entriesWith<Prompt>('prompts', 'name'))),
    listResources: (accountId, connector) => offered(accountId, connector, 'resources', () => listAll(accountId, connector, 'resources/list', entriesWith<Resource>('resources', 'uri'))),
    listResourceTemplates: (accountId, connector) =>
      offered(accountId, connector, 'resources', () => listAll(accountId, connector, 'resources/templates/list', entriesWith<ResourceTemplate>('resourceTemplates', 'uriTemplate'))),
    async readResource(accountId, connector, uri, options) {
      const result = await request(accountId, connector, 'resources/read', { uri }, listenFor(options));
      if (!Array.isArray(result.contents)) throw new UpstreamMalformed('the resource has no contents');
      return result as ReadResourceResult;
    },
    async getPrompt(accountId, connector, name, args, options) {
      const result = await request(accountId, connector, 'prompts/get', { name, arguments: args }, listenFor(options));
      if (!Array.isArray(result.messages)) throw new UpstreamMalformed('the prompt has no messages');
      return result as GetPromptResult;
    },
    async subscribe(accountId, connector, uri) {
      await request(accountId, connector, 'resources/subscribe', { uri });
    },
    async complete(accountId, connector, params) {
      const result = await request(accountId, connector, 'completion/complete', params);
      if (!isJsonObject(result.completion) || !Array.isArray(result.completion.values)) throw new UpstreamMalformed('the completion has no values');
      return result as CompleteResult;
    },
    async callTool(accountId, connector, name, args, options) {
      const { onProgress, onUpstreamRequest, onLog, signal } = options ?? {};
      // The client's progressToken stays with the client: the upstream gets one of the gateway's,
      // and only reports carrying it are handed on.
      const progressToken = onProgress ? `gangway-progress-${nextId++}` : undefined;
      const onNotification =
        onProgress || onLog
          ? (message: JsonObject) => {
              if (!isJsonObject(message.params)) return;
              if (message.method === 'notifications/message') return onLog?.(message.params);
              if (message.method !== 'notifications/progress' || message.params.progressToken !== progressToken) return;
              const progress = progressOf(message.params);
              if (progress) onProgress?.(progress);
            }
          : undefined;
      const params = { name, arguments: args, ...(progressToken ? { _meta: { progressToken } } : {}) };
      const result = await request(accountId, connector, 'tools/call', params, { ...(onNotification ? { onNotification } : {}), ...listenFor({ onUpstreamRequest, signal }) });
      if (!Array.isArray(result.content)) throw new UpstreamMalformed('the tool result has no content list');
      return result as CallToolResult;
    },
    async setLogLevel(accountId, connector, level) {
      const key = keyOf(accountId, connector.id);
      const current = logLevels.get(key);
      const severity = logSeverity(level);
      if (severity === undefined || (current !== undefined && logSeverity(current)! <= severity)) return;
      logLevels.set(key, level);
      if (logLevels.size > MAX_LOG_LEVELS) logLevels.delete(logLevels.keys().next().value as string);
      const session = pool.get(key);
      if (session && isJsonObject(session.capabilities.logging)) await request(accountId, connector, 'logging/setLevel', { level });
    },
    async forget(accountId, connectorId) {
      drop(keyOf(accountId, connectorId));
    },
    async close() {
      for (const key of [...pool.keys()]) drop(key);
      logger.debug('upstream.sessions_closed');
    },
  };
}
