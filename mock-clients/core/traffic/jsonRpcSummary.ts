/**
 * Reads the JSON-RPC messages of an MCP answer — a JSON body or an SSE stream of `data:` events —
 * and keeps what checks need (error, isError, tool names, negotiated version). The body itself is
 * not recorded: tool results are user data, not protocol facts.
 */
import type { McpResultSummary } from './exchange.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every JSON value carried by the body, whether plain JSON (object or batch) or SSE events. */
export function jsonRpcMessages(body: string, contentType: string): Json[] {
  const values: unknown[] = [];
  if (/event-stream/i.test(contentType)) {
    for (const event of body.split(/\r?\n\r?\n/)) {
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) values.push(parseJson(data));
    }
  } else {
    values.push(parseJson(body));
  }
  return values.flatMap((value) => (Array.isArray(value) ? value : [value])).filter(isObject);
}

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
