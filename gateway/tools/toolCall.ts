/**
 * One tool call, whichever way it arrived (the SDK session server or the JSON lane): the user's
 * rate limit, the tool found by name among what the caller may use (unknown → Invalid params), its
 * arguments checked against the tool's input schema when the gateway knows it (SEC-05), then the call.
 */
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { checkToolArguments } from './toolArguments.ts';
import type { RateLimiter } from './toolCallRateLimit.ts';
import type { CallContext, ToolCaller, ToolCatalog } from './toolCatalog.ts';

export type ToolCallHandler = (caller: ToolCaller, name: string, args: Record<string, unknown>, context?: CallContext) => Promise<CallToolResult>;

const refusal = (text: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text }] });

export function createToolCallHandler(catalog: ToolCatalog, rateLimit: RateLimiter): ToolCallHandler {
  return async (caller, name, args, context) => {
    const retryAfter = await rateLimit.take(caller.user.id);
    if (retryAfter > 0) return refusal(`Too many tool calls; try again in ${retryAfter} s.`);
    const tool = await catalog.find(caller, name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    const problem = checkToolArguments(tool.definition.inputSchema, args);
    if (problem) return refusal(`Invalid arguments for ${tool.definition.name}: ${problem}`);
    return tool.call(caller, args, context);
  };
}
