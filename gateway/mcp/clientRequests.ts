/**
 * Requests an upstream makes of the client during a tool call (issue 13): `elicitation/create` and
 * `sampling/createMessage` are passed on only to a client that declared the capability; anything
 * else, or a client that did not declare it, is refused to the upstream with a message that says
 * why — the upstream then tells the person, and the client is never asked what it cannot answer.
 */
import { CreateMessageResultSchema, ElicitResultSchema, ErrorCode, McpError, type ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';

const RELAYED = {
  'elicitation/create': { capability: 'elicitation', schema: ElicitResultSchema },
  'sampling/createMessage': { capability: 'sampling', schema: CreateMessageResultSchema },
} as const;

export type ClientRequestHandler = (method: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;
type Send = (request: { method: string; params: Record<string, unknown> }, schema: (typeof RELAYED)[keyof typeof RELAYED]['schema']) => Promise<unknown>;

/** True when the client declared something an upstream may ask it during a call (its calls then stream). */
export const mayBeAsked = (capabilities: ClientCapabilities | undefined): boolean => Boolean(capabilities?.elicitation || capabilities?.sampling);

/** Passes what the client declared on to it with `send` (on the call's own stream); refuses the rest. */
export function clientRequestHandler(capabilities: ClientCapabilities | undefined, send?: Send): ClientRequestHandler {
  return async (method, params) => {
    const relayed = RELAYED[method as keyof typeof RELAYED];
    if (!relayed) throw new McpError(ErrorCode.MethodNotFound, `the gateway does not pass ${method.slice(0, 60)} on to AI clients`);
    if (!capabilities?.[relayed.capability] || !send) throw new McpError(ErrorCode.MethodNotFound, `the AI client did not declare ${relayed.capability}, so it cannot be asked`);
    return (await send({ method, params }, relayed.schema)) as Record<string, unknown>;
  };
}
