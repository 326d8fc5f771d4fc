/**
 * One surface for a one-action MCP session in any revision, chosen per connection: 2026-07-28
 * goes through the SDK v2 client pinned to it (statelessSession.ts); 2025-06-18 and 2025-11-25
 * through the existing stateful session (mcpSession.ts: initialize, the call, DELETE). Pages and
 * flows code against McpActions once and a connection's profile picks the revision.
 *
 * On the stateful path the v1 SDK client negotiates the version itself (it offers 2025-11-25 and
 * accepts 2025-06-18 from the server) and declares no client capabilities, so `onElicitation` is
 * used only in 2026-07-28, where it answers `input_required`.
 */
import type { CallToolResult, FetchLike, GetPromptResult, Prompt, ReadResourceResult, Resource, Tool } from '@modelcontextprotocol/client';
import type { Client as StatefulClient } from '@modelcontextprotocol/sdk/client/index.js';
import { STATELESS_REVISION, type SpecRevision } from '../../../../wire/protocolVersions.ts';
import { listAllTools, withMcpSession, type McpClientIdentity } from '../mcpSession.ts';
import { allPages } from './listPages.ts';
import type { McpActions } from './mcpActions.ts';
import { withStatelessMcpSession, type StatelessSessionOptions } from './statelessSession.ts';

export function withRevisionSession<T>(
  revision: SpecRevision,
  mcpUrl: string,
  identity: McpClientIdentity,
  fetchFn: FetchLike,
  action: (session: McpActions) => Promise<T>,
  options: StatelessSessionOptions = {},
): Promise<T> {
  if (revision === STATELESS_REVISION) return withStatelessMcpSession(mcpUrl, identity, fetchFn, action, options);
  return withMcpSession(mcpUrl, identity, fetchFn, (client) => action(statefulActions(revision, client)));
}

/**
 * The v1 client's results are the same JSON as v2's; the casts only cross the two SDKs' type
 * declarations (v1's zod-derived types and v2's differ in optional-field spelling, not in shape).
 */
function statefulActions(revision: SpecRevision, client: StatefulClient): McpActions {
  return {
    revision,
    listTools: async () => (await listAllTools(client)) as Tool[],
    callTool: async (name, args, options) =>
      (await client.callTool({ name, arguments: args }, undefined, options?.onProgress ? { onprogress: options.onProgress, resetTimeoutOnProgress: true } : undefined)) as CallToolResult,
    listResources: () => allPages(async (cursor) => { const page = await client.listResources(cursor ? { cursor } : {}); return [page.resources as Resource[], page.nextCursor]; }),
    readResource: async (uri) => (await client.readResource({ uri })) as ReadResourceResult,
    listPrompts: () => allPages(async (cursor) => { const page = await client.listPrompts(cursor ? { cursor } : {}); return [page.prompts as Prompt[], page.nextCursor]; }),
    getPrompt: async (name, args) => (await client.getPrompt(args ? { name, arguments: args } : { name })) as GetPromptResult,
  };
}
