/**
 * The hosted look-alikes' MCP session in revision 2026-07-28, through the SDK's v2 client
 * (@modelcontextprotocol/client) rather than our own wire helpers: an independent client is what
 * proves a gateway speaks the revision, not one that shares our reading of the spec.
 *
 * 2026-07-28 is stateless: `connect()` sends `server/discover` (no `initialize`, no
 * `Mcp-Session-Id`); every request carries `_meta` (protocol version, client capabilities, client
 * info) and the `Mcp-Method` / `Mcp-Name` headers; a server that needs the person answers
 * `resultType: "input_required"` and the client retries with `inputResponses` + `requestState` on a
 * new id (the SDK does that round trip and calls our elicitation handler); progress arrives as SSE
 * on the POST's own response. Versions are pinned, never negotiated down: a 2025-only server is
 * refused with a StatelessRevisionRefused saying what to do, never silently spoken to in 2025.
 */
import { Client, StreamableHTTPClientTransport, type CallToolResult, type DiscoverResult, type ElicitRequest, type ElicitResult, type FetchLike, type OAuthClientProvider } from '@modelcontextprotocol/client';
import { STATELESS_REVISION } from '../../../../wire/protocolVersions.ts';
import type { McpClientIdentity } from '../mcpSession.ts';
import { allPages } from './listPages.ts';
import type { McpActions } from './mcpActions.ts';
import { observeProbe, refusalFor } from './statelessRefusal.ts';

/** The form an `input_required` elicitation asks for, and the person's answer. */
export type ElicitationRequest = ElicitRequest['params'];
/** `signal` aborts when the call is given up (closed connection, timeout): a form on screen should go. */
export type ElicitationHandler = (request: ElicitationRequest, signal: AbortSignal) => Promise<ElicitResult>;

export interface StatelessSessionOptions {
  /** Declares `elicitation.form` in every request's capabilities and answers `input_required` with it. */
  readonly onElicitation?: ElicitationHandler;
  /** Per-request timeout in ms (the SDK's default is 60 s). */
  readonly timeoutMs?: number;
}

/** What one action may do on a 2026-07-28 connection. */
export interface StatelessSession extends McpActions {
  readonly revision: typeof STATELESS_REVISION;
  /** The server's `server/discover` answer (versions, capabilities, serverInfo in `_meta`). */
  readonly discovery: DiscoverResult;
}

/** How the transport reaches the server: the caller's fetch (credentials, recording) and, in a page, the SDK's OAuth. */
export interface StatelessTransportOptions {
  readonly fetch: FetchLike;
  readonly authProvider?: OAuthClientProvider;
}

/** An open 2026-07-28 connection; `close()` only stops what is open locally (there is no session to end). */
export interface OpenStatelessSession extends StatelessSession {
  close(): Promise<void>;
}

/**
 * Connects (`server/discover`, pinned) and keeps the client for several actions, as the Inspector
 * page does; hosted look-alikes use withStatelessMcpSession, one action per connection.
 */
export async function openStatelessSession(mcpUrl: string, identity: McpClientIdentity, transportOptions: StatelessTransportOptions, options: StatelessSessionOptions = {}): Promise<OpenStatelessSession> {
  const client = new Client(
    { name: identity.name, version: identity.version },
    {
      capabilities: options.onElicitation ? { elicitation: { form: {} } } : {},
      versionNegotiation: { mode: { pin: STATELESS_REVISION } },
      // A list from an earlier action must not answer this one: each action asks the server.
      defaultCacheTtlMs: 0,
    },
  );
  const onElicitation = options.onElicitation;
  if (onElicitation) client.setRequestHandler('elicitation/create', (request, ctx) => onElicitation(request.params, ctx.mcpReq.signal));
  const probe = observeProbe(transportOptions.fetch);
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), transportOptions.authProvider ? { fetch: probe.fetch, authProvider: transportOptions.authProvider } : { fetch: probe.fetch });
  const timeout = options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {};
  try {
    await client.connect(transport, timeout);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw refusalFor(mcpUrl, error, probe.answer());
  }
  return { ...sessionOf(client, timeout), close: () => client.close().catch(() => undefined) };
}

/** One action on a fresh 2026-07-28 connection (the hosted look-alikes' way, like mcpSession.ts). */
export async function withStatelessMcpSession<T>(
  mcpUrl: string,
  identity: McpClientIdentity,
  fetchFn: FetchLike,
  action: (session: StatelessSession) => Promise<T>,
  options: StatelessSessionOptions = {},
): Promise<T> {
  const session = await openStatelessSession(mcpUrl, identity, { fetch: fetchFn }, options);
  try {
    return await action(session);
  } finally {
    await session.close();
  }
}

function sessionOf(client: Client, timeout: { timeout?: number }): StatelessSession {
  const discovery = client.getDiscoverResult();
  if (!discovery) throw new Error('the SDK connected without a server/discover result');
  const fresh = { ...timeout, cacheMode: 'bypass' as const };
  return {
    revision: STATELESS_REVISION,
    discovery,
    listTools: () => allPages(async (cursor) => { const page = await client.listTools(cursor ? { cursor } : {}, fresh); return [page.tools, page.nextCursor]; }),
    listResources: () => allPages(async (cursor) => { const page = await client.listResources(cursor ? { cursor } : {}, fresh); return [page.resources, page.nextCursor]; }),
    listPrompts: () => allPages(async (cursor) => { const page = await client.listPrompts(cursor ? { cursor } : {}, fresh); return [page.prompts, page.nextCursor]; }),
    readResource: (uri) => client.readResource({ uri }, fresh),
    getPrompt: (name, args) => client.getPrompt(args ? { name, arguments: args } : { name }, timeout),
    callTool: (name, args, callOptions) =>
      client.callTool(
        { name, arguments: args },
        callOptions?.onProgress ? { ...timeout, onprogress: callOptions.onProgress, resetTimeoutOnProgress: true } : timeout,
      ) as Promise<CallToolResult>,
  };
}
