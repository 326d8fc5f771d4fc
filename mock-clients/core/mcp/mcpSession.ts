/**
 * One short MCP session per user action, through the SDK client: initialize, do the one thing
 * (list tools or prompts, call a tool, get a prompt, read a resource), end the session (DELETE)
 * and close. Short sessions are how hosted clients behave from the gateway's point of view, and
 * they survive a gateway restart between two actions. Credentials are the caller's concern: it hands in a fetch that adds them.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { allPages } from './modern/listPages.ts';

export interface McpClientIdentity {
  readonly name: string;
  readonly version: string;
}

/**
 * A one-action session has no use for the standalone SSE stream the SDK opens after initialize
 * (it would be aborted a moment later), so hosted clients decline it here: the GET is never sent
 * and the SDK reads the local 405 as "no stream", as it would from a server without one.
 */
function withoutStandaloneStream(fetchFn: FetchLike): FetchLike {
  return (url, init) => ((init?.method ?? 'GET').toUpperCase() === 'GET' ? Promise.resolve(new Response(null, { status: 405 })) : fetchFn(url, init));
}

export async function withMcpSession<T>(mcpUrl: string, identity: McpClientIdentity, fetchFn: FetchLike, action: (client: Client) => Promise<T>): Promise<T> {
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { fetch: withoutStandaloneStream(fetchFn) });
  const client = new Client({ name: identity.name, version: identity.version }, { capabilities: {} });
  await client.connect(transport);
  try {
    return await action(client);
  } finally {
    await transport.terminateSession().catch(() => undefined);
    await client.close().catch(() => undefined);
  }
}

/** Every page of tools/list (bounded: modern/listPages.ts). */
export function listAllTools(client: Client): Promise<Tool[]> {
  return allPages(async (cursor) => {
    const result = await client.listTools(cursor ? { cursor } : {});
    return [result.tools, result.nextCursor];
  });
}

/** What a person reads of a tool result: its text parts, else its structured content as JSON. */
export function toolResultText(result: CallToolResult): string {
  const texts = (result.content ?? []).flatMap((part) => (part.type === 'text' ? [part.text] : [`[${part.type}]`]));
  if (texts.length > 0) return texts.join('\n');
  return result.structuredContent !== undefined ? JSON.stringify(result.structuredContent, null, 2) : '';
}
