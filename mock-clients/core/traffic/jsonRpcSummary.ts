/**
 * Sums up the JSON-RPC answer of an MCP exchange (read by wire/jsonRpcMessages.ts, JSON or SSE)
 * as what checks need (error, isError, tool names, negotiated version). The body itself is
 * not recorded: tool results are user data, not protocol facts.
 */
import { isJsonObject as isObject, jsonRpcMessages } from '../../../wire/jsonRpcMessages.ts';
import type { McpResultSummary } from './exchange.ts';

export function summarizeJsonRpcAnswer(body: string, contentType: string, requestId: string | number | undefined, method?: string): McpResultSummary | undefined {
  const messages = jsonRpcMessages(body, contentType).filter((m) => m.jsonrpc === '2.0' && (isObject(m.result) || isObject(m.error)));
  const answer = messages.find((m) => requestId !== undefined && m.id === requestId) ?? messages[0];
  if (!answer) return undefined;
  if (isObject(answer.error)) {
    const code = typeof answer.error.code === 'number' ? answer.error.code : 0;
    const message = typeof answer.error.message === 'string' ? answer.error.message.slice(0, 500) : '';
    return { error: { code, message } };
  }
  const result = isObject(answer.result) ? answer.result : {};
  const summary: { -readonly [K in keyof McpResultSummary]: McpResultSummary[K] } = {};
  // An absent isError means success (MCP CallToolResult); say so for every tools/call answer.
  if (typeof result.isError === 'boolean' || method === 'tools/call') summary.isError = result.isError === true;
  if (Array.isArray(result.tools)) summary.tools = result.tools.filter(isObject).map((tool) => String(tool.name));
  if (typeof result.nextCursor === 'string') summary.nextCursor = result.nextCursor;
  if (typeof result.protocolVersion === 'string') summary.protocolVersion = result.protocolVersion;
  if (isObject(result.capabilities)) {
    const tools = result.capabilities.tools;
    summary.toolsListChanged = isObject(tools) && tools.listChanged === true;
  }
  return summary;
}
