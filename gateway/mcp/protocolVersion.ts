/**
 * TRANSPORT-10: after initialization a client sends MCP-Protocol-Version on every request; a value
 * this gateway does not speak is refused with 400 (the initialize request itself negotiates).
 * Supported revisions are those of the MCP SDK in use: 2025-11-25, 2025-06-18 and older.
 */
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { Middleware } from 'koa';
import { JSONRPC_TRANSPORT_ERROR, McpTransportRefusal } from '../errors/wireErrors.ts';
import type { McpState } from './mcpState.ts';

const SUPPORTED_VERSIONS: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS;
const supported = new Set(SUPPORTED_VERSIONS);

export function protocolVersion(): Middleware<McpState> {
  return async (ctx, next) => {
    const version = ctx.get('MCP-Protocol-Version');
    if (version && !ctx.state.initializing && !supported.has(version)) {
      throw new McpTransportRefusal(400, JSONRPC_TRANSPORT_ERROR, `Bad Request: unsupported MCP-Protocol-Version ${version.slice(0, 40)} (supported: ${SUPPORTED_VERSIONS.join(', ')})`);
    }
    await next();
  };
}
