/**
 * Requests an upstream makes of the client during a tool call (issue 13): `elicitation/create`,
 * `sampling/createMessage` and `roots/list` are passed on only to a client that declared the
 * capability, and (the first two) only
 * while the user allows it for that client (the consent page's "Allow … to ask you questions" and
 * "Allow … to use <client>'s AI model"; the portal's Connections page changes it later). Anything
 * else is refused to the upstream with a message that says why and, for the user's own choice, where
 * to change it — the upstream then tells the person, and the client is never asked.
 */
import { CreateMessageResultSchema, ElicitResultSchema, ErrorCode, ListRootsResultSchema, McpError, type ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import type { ClientPermissions } from '../store/store.ts';
import type { ToolCaller } from '../tools/toolCatalog.ts';

const RELAYED = {
  'elicitation/create': { capability: 'elicitation', schema: ElicitResultSchema },
  'sampling/createMessage': { capability: 'sampling', schema: CreateMessageResultSchema },
  // The client's roots (the folders it works in): passed like the others, to a client that declared them.
  'roots/list': { capability: 'roots', schema: ListRootsResultSchema },
} as const;

/** The client capability an upstream's request needs; undefined for one the gateway never passes on. */
export const capabilityFor = (method: string): 'elicitation' | 'sampling' | 'roots' | undefined => RELAYED[method as keyof typeof RELAYED]?.capability;

/** What each permission lets the tools do, in the consent page's words. */
const PERMISSION_TEXT = {
  elicitation: () => 'ask the user questions (elicitation)',
  sampling: (client: string) => `use ${client}'s AI model (sampling)`,
} as const;

/**
 * The user refused: the code the MCP spec's sampling section shows for "User rejected sampling
 * request" (-1), so an upstream tells it apart from a client that cannot be asked (-32601).
 */
export const USER_REFUSED = -1;

/** `signal` aborts when the upstream cancels its request: the client is told, and its answer no longer awaited. */
export type ClientRequestHandler = (method: string, params: Record<string, unknown>, signal?: AbortSignal) => Promise<Record<string, unknown>>;
type Send = (request: { method: string; params: Record<string, unknown> }, schema: (typeof RELAYED)[keyof typeof RELAYED]['schema'], signal?: AbortSignal) => Promise<unknown>;

/** True when the client declared something an upstream may ask it during a call (its calls then stream). */
export const mayBeAsked = (capabilities: ClientCapabilities | undefined): boolean => Boolean(capabilities?.elicitation || capabilities?.sampling || capabilities?.roots);

/** Passes what the client declared on to it with `send` (on the call's own stream); refuses the rest. */
export function clientRequestHandler(capabilities: ClientCapabilities | undefined, send?: Send): ClientRequestHandler {
  return async (method, params, signal) => {
    const relayed = RELAYED[method as keyof typeof RELAYED];
    if (!relayed) throw new McpError(ErrorCode.MethodNotFound, `the gateway does not pass ${method.slice(0, 60)} on to AI clients`);
    if (!capabilities?.[relayed.capability] || !send) throw new McpError(ErrorCode.MethodNotFound, `the AI client did not declare ${relayed.capability}, so it cannot be asked`);
    return (await send({ method, params }, relayed.schema, signal)) as Record<string, unknown>;
  };
}

export interface ClientConsentDeps {
  /** What the user allows for (user, client): their approval's permissions. */
  readonly permissions: (accountId: string, clientId: string) => Promise<ClientPermissions>;
  /** Where the user changes it (the portal's Connections page). */
  readonly connectionsUrl: string;
}

/** Puts the user's choice for the calling client in front of `ask`. */
export type ConsentGuard = (caller: ToolCaller, ask: ClientRequestHandler) => ClientRequestHandler;

/**
 * Every upstream request — during a tool call, a prompts/get or a resources/read — passes the user's
 * choice for the calling client first: a forbidden one is refused here, before the client's own
 * capabilities are even considered (askClient below puts the two together).
 */
export function clientConsentGuard({ permissions, connectionsUrl }: ClientConsentDeps): ConsentGuard {
  return (caller, ask) => async (method, params, signal) => {
    const relayed = RELAYED[method as keyof typeof RELAYED];
    if (relayed && relayed.capability !== 'roots' && !(await permissions(caller.user.id, caller.client.id))[relayed.capability]) {
      throw new McpError(
        USER_REFUSED,
        `The user turned this off in the Gangway gateway's consent for ${caller.client.name}: tools may not ${PERMISSION_TEXT[relayed.capability](caller.client.name)} through it, so ${caller.client.name} was not asked. ` +
          `The user can allow it again under "AI clients you authorized" on ${connectionsUrl}.`,
      );
    }
    return ask(method, params, signal);
  };
}

/**
 * Who answers an upstream's question during a request of `caller`'s: the user's choice for the
 * client first, then the client itself if it declared the capability (`send`). Every place that
 * lets an upstream ask builds its handler here — session server, JSON lane, 2026 rounds — so the
 * consent is checked once per question, whatever the method.
 */
export function askClient(guard: ConsentGuard, caller: ToolCaller, capabilities: ClientCapabilities | undefined, send?: Send): ClientRequestHandler {
  return guard(caller, clientRequestHandler(capabilities, send));
}
