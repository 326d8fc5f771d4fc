/**
 * What a mock tool may ask of the client during a call: progress for the caller's progressToken,
 * elicitation, sampling, and `notifications/resources/updated` for a URI the caller subscribed to.
 * All travel on the tools/call answer stream (the endpoint answers such calls as SSE). Elicitation
 * and sampling are asked only of a client that declared the capability in `initialize`; otherwise
 * the tool fails with a message naming the missing capability.
 */
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CreateMessageResultSchema,
  ElicitResultSchema,
  McpError,
  type ClientCapabilities,
  type CreateMessageRequest,
  type CreateMessageResult,
  type ElicitRequestFormParams,
  type ElicitResult,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from '../callerAuth.ts';
import { ToolFailure } from './toolResults.ts';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** One MCP request's view of its caller's conversation (see mcpConversations.ts). */
export interface McpCallContext {
  readonly caller: Caller;
  readonly clientCapabilities: ClientCapabilities;
  isSubscribed(uri: string): boolean;
}

export async function reportProgress(extra: ToolExtra, progress: number, total: number, message: string): Promise<void> {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return;
  await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } });
}

export async function elicit(context: McpCallContext, extra: ToolExtra, params: Omit<ElicitRequestFormParams, 'mode'>): Promise<ElicitResult> {
  const declared = context.clientCapabilities.elicitation;
  // 2025-06-18 clients declare `elicitation: {}` (form implied); later ones may list `form` and/or `url`.
  if (declared === undefined || (declared.url !== undefined && declared.form === undefined)) {
    throw new ToolFailure('elicitation_unsupported: this tool needs to ask you a question, but your MCP client did not declare the elicitation (form) capability');
  }
  try {
    return await extra.sendRequest({ method: 'elicitation/create', params }, ElicitResultSchema);
  } catch (error) {
    // The client (or a gateway in front of it) refused to ask: a tool error the person can act on.
    if (error instanceof McpError) throw new ToolFailure(`elicitation_failed: your MCP client could not ask you (${error.message.replace(/^(MCP error -?\d+: )+/, '')})`);
    throw error;
  }
}

export async function sample(context: McpCallContext, extra: ToolExtra, params: CreateMessageRequest['params']): Promise<CreateMessageResult> {
  if (context.clientCapabilities.sampling === undefined) {
    throw new ToolFailure('sampling_unsupported: this tool asks your model for a completion, but your MCP client did not declare the sampling capability');
  }
  return extra.sendRequest({ method: 'sampling/createMessage', params }, CreateMessageResultSchema);
}

export async function notifyResourceUpdated(context: McpCallContext, extra: ToolExtra, uri: string): Promise<void> {
  if (context.isSubscribed(uri)) await extra.sendNotification({ method: 'notifications/resources/updated', params: { uri } });
}
