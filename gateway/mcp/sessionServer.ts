/**
 * The MCP server behind one session. Tools come from the catalogue per request, for the caller the
 * request's token names (LISTCHANGED-04: the list is computed from the token, deterministic order).
 * `tools.listChanged` is true because the gateway does send the notification when a user's tools
 * change (toolListNotifier.ts; LISTCHANGED-01). Arguments are checked against the tool's input schema before a call.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { RateLimiter } from '../tools/toolCallRateLimit.ts';
import type { ToolCaller, ToolCatalog } from '../tools/toolCatalog.ts';
import { checkToolArguments } from '../tools/toolArguments.ts';

export const SERVER_INFO = { name: 'gangway', title: 'Gangway AI Gateway', version: '0.1.0' } as const;

export type CallerResolver = (authInfo: AuthInfo | undefined) => Promise<ToolCaller>;

export function createSessionServer(catalog: ToolCatalog, resolveCaller: CallerResolver, rateLimit: RateLimiter): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: { listChanged: true } },
    instructions: 'Tools the signed-in user authorized for this client, through the Gangway AI gateway.',
  });

  server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => {
    const caller = await resolveCaller(extra.authInfo);
    return { tools: await catalog.list(caller) };
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const caller = await resolveCaller(extra.authInfo);
    const retryAfter = rateLimit.take(caller.user.id);
    if (retryAfter > 0) return { isError: true, content: [{ type: 'text', text: `Too many tool calls; try again in ${retryAfter} s.` }] };
    const tool = await catalog.find(caller, request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    const args = request.params.arguments ?? {};
    const problem = checkToolArguments(tool.definition.inputSchema, args);
    if (problem) return { isError: true, content: [{ type: 'text', text: `Invalid arguments for ${tool.definition.name}: ${problem}` }] };
    return tool.call(caller, args);
  });

  return server;
}
