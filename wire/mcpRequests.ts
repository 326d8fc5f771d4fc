/**
 * The first MCP request a client sends, in each revision: `initialize` (2025-06-18, 2025-11-25) or
 * `server/discover` with the per-request `_meta` (2026-07-28). One builder for the doctor, the
 * scenario probes and the mock clients, so every probe looks like a real client's.
 */
import { META_CLIENT_CAPABILITIES, META_CLIENT_INFO, META_PROTOCOL_VERSION, STATELESS_REVISION, type SpecRevision } from './protocolVersions.ts';

export interface ClientInfo {
  readonly name: string;
  readonly version: string;
}

export interface JsonRpcRequest {
  readonly jsonrpc: '2.0';
  readonly id: number;
  readonly method: string;
  readonly params: Record<string, unknown>;
}

export function initializeRequest(revision: SpecRevision, clientInfo: ClientInfo, id = 1, capabilities: Record<string, unknown> = {}): JsonRpcRequest {
  return { jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion: revision, capabilities, clientInfo } };
}

/** `_meta` of a stateless request: the protocol version and the client's capabilities on every call. */
export const statelessMeta = (clientInfo: ClientInfo) => ({ [META_PROTOCOL_VERSION]: STATELESS_REVISION, [META_CLIENT_CAPABILITIES]: {}, [META_CLIENT_INFO]: clientInfo });

export function discoverRequest(clientInfo: ClientInfo, id = 1): JsonRpcRequest {
  return { jsonrpc: '2.0', id, method: 'server/discover', params: { _meta: statelessMeta(clientInfo) } };
}

/** A request of the given revision: stateless ones carry `_meta`; stateful ones rely on the session. */
export function rpcRequest(revision: SpecRevision, clientInfo: ClientInfo, method: string, params: Record<string, unknown> = {}, id = 2): JsonRpcRequest {
  return { jsonrpc: '2.0', id, method, params: revision === STATELESS_REVISION ? { ...params, _meta: statelessMeta(clientInfo) } : params };
}

/** HTTP headers a Streamable HTTP request of that revision carries besides the body. */
export function mcpHeaders(revision: SpecRevision | undefined, request: JsonRpcRequest | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  if (revision && request?.method !== 'initialize') headers['mcp-protocol-version'] = revision;
  if (revision === STATELESS_REVISION && request) {
    headers['mcp-method'] = request.method;
    const name = request.params.name ?? request.params.uri;
    if (typeof name === 'string') headers['mcp-name'] = name;
  }
  return headers;
}
