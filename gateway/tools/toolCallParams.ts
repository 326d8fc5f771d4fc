/**
 * JSON-RPC 2.0 §5.1 / MCP: a `tools/call` whose params do not fit is an Invalid params error
 * (-32602) with a one-line message naming the field (issue 11 #8). The SDK's server parses the
 * request before any handler runs and answers a misfit with -32603 and the whole zod issue dump,
 * so this check sits in front of it, on the session's transport, and answers the request itself.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ErrorCode, isJSONRPCRequest, type JSONRPCMessage, type JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a tools/call request's params, in one line; undefined when they fit. */
export function toolCallParamsProblem(request: Pick<JSONRPCRequest, 'params'>): string | undefined {
  const params: unknown = request.params;
  if (!isPlainObject(params)) return 'Invalid params: tools/call needs params with the name of the tool to call';
  if (!('name' in params)) return 'Invalid params: params.name is required (the name of the tool to call)';
  if (typeof params.name !== 'string' || params.name === '') return 'Invalid params: params.name must be a non-empty string (the name of the tool to call)';
  if ('arguments' in params && params.arguments !== undefined && !isPlainObject(params.arguments)) return 'Invalid params: params.arguments must be an object of argument names to values';
  // Only a name and arguments, both checked above: nothing more for the schema to refuse (and no
  // zod pass on the hot path).
  if (Object.keys(params).every((key) => key === 'name' || key === 'arguments')) return undefined;
  // Anything else the SDK's schema refuses (e.g. a malformed _meta), named by its path.
  const parsed = CallToolRequestSchema.safeParse({ method: 'tools/call', ...request });
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') || 'params';
  return `Invalid params: ${path} is not valid (${(issue?.message ?? 'does not fit the tools/call schema').split('\n')[0]})`;
}

/** Installs the check on a transport the SDK server is already connected to. */
export function guardToolCallParams(transport: Transport): void {
  const deliver = transport.onmessage;
  if (!deliver) throw new Error('guardToolCallParams: connect the server to the transport first');
  transport.onmessage = (message: JSONRPCMessage, extra) => {
    if (isJSONRPCRequest(message) && message.method === 'tools/call') {
      const problem = toolCallParamsProblem(message);
      if (problem) {
        void transport.send({ jsonrpc: '2.0', id: message.id, error: { code: ErrorCode.InvalidParams, message: problem } }).catch((error: unknown) => transport.onerror?.(error as Error));
        return;
      }
    }
    deliver(message, extra);
  };
}
