/**
 * Transport-level refusals on the MCP endpoint are JSON-RPC error objects without an id, with the
 * HTTP status the Streamable HTTP transport prescribes (400, 403, 404, 405, 413).
 */
import type { Context } from 'koa';

export const JSONRPC_PARSE_ERROR = -32700;
export const JSONRPC_INVALID_REQUEST = -32600;
/** Used by the SDK and the spec's examples for transport errors. */
export const JSONRPC_TRANSPORT_ERROR = -32000;
export const JSONRPC_SESSION_NOT_FOUND = -32001;

export function jsonRpcError(ctx: Context, status: number, code: number, message: string): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = { jsonrpc: '2.0', error: { code, message }, id: null };
}
