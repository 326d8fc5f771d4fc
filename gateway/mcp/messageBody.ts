/**
 * The body of a POST to the MCP endpoint: one JSON-RPC message (TRANSPORT-04: batches were removed
 * in 2025-06-18), read once here so every later middleware — the protocol-version check, the session
 * lookup, the tool-call lane, the SDK transport — sees the same parsed value. Not JSON → 400 parse
 * error; an array → 400 invalid request; larger than the limit → 413 (PayloadTooLarge, rendered by
 * the application's error handler, which also closes the connection).
 */
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Middleware } from 'koa';
import { JSONRPC_INVALID_REQUEST, JSONRPC_PARSE_ERROR, McpTransportRefusal } from '../errors/wireErrors.ts';
import type { McpState } from './mcpState.ts';
import { readJsonBody } from './webExchange.ts';

export function messageBody(maxBytes: number): Middleware<McpState> {
  return async (ctx, next) => {
    ctx.state.initializing = false;
    if (ctx.method === 'POST') {
      const body = await readJsonBody(ctx, maxBytes);
      if (!body.ok) throw new McpTransportRefusal(400, JSONRPC_PARSE_ERROR, 'Parse error: the body is not valid JSON');
      if (Array.isArray(body.value)) throw new McpTransportRefusal(400, JSONRPC_INVALID_REQUEST, 'Invalid Request: send one JSON-RPC message per request');
      ctx.state.message = body.value;
      // The SDK's check is a zod parse: ask it only about messages that say they are initialize.
      ctx.state.initializing = (body.value as { method?: unknown } | null)?.method === 'initialize' && isInitializeRequest(body.value);
    }
    await next();
  };
}
