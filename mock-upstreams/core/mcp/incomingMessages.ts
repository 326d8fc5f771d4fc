/**
 * A first look at an MCP POST body (a clone: the transport still reads and validates the original),
 * enough for the endpoint to decide how to answer: answers to the server's own requests, an
 * initialize carrying the client's capabilities, or a tools/call that may talk back while it runs.
 */
import { InitializeRequestSchema, isJSONRPCErrorResponse, isJSONRPCRequest, isJSONRPCResultResponse, JSONRPCMessageSchema, type InitializeRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** The JSON-RPC messages of the body; empty when it is not valid JSON-RPC (the transport answers that). */
export async function incomingMessages(request: Request): Promise<JSONRPCMessage[]> {
  try {
    const body: unknown = await request.clone().json();
    const parsed = (Array.isArray(body) ? body : [body]).map((m) => JSONRPCMessageSchema.safeParse(m));
    return parsed.every((p) => p.success) ? parsed.map((p) => p.data!) : [];
  } catch {
    return [];
  }
}

export function isAnswer(message: JSONRPCMessage): boolean {
  return isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message);
}

export function isInitialize(message: JSONRPCMessage): message is InitializeRequest & JSONRPCMessage {
  return isJSONRPCRequest(message) && InitializeRequestSchema.safeParse(message).success;
}

export function mayTalkBack(message: JSONRPCMessage, talkingTools: ReadonlySet<string>, hasSubscriptions: boolean): boolean {
  if (!isJSONRPCRequest(message) || message.method !== 'tools/call') return false;
  const params = message.params as { name?: unknown; _meta?: { progressToken?: unknown } } | undefined;
  return params?._meta?.progressToken !== undefined || (typeof params?.name === 'string' && talkingTools.has(params.name)) || hasSubscriptions;
}
