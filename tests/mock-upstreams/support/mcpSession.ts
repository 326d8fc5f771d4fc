/**
 * An @modelcontextprotocol/sdk client against a mock vendor's MCP endpoint with a fixed
 * Authorization header (an API key or an access token), plus a tool-call helper that returns the
 * text and, when it is JSON, the parsed value.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ApiKeyFixture } from '../../../fixtures/vendors/index.ts';

export function authorizationFor(key: ApiKeyFixture): string {
  return key.username === undefined ? `Bearer ${key.secret}` : `Basic ${Buffer.from(`${key.username}:${key.secret}`).toString('base64')}`;
}

export async function connectMcp(mcpUrl: string, authorization: string, fetchImpl?: FetchLike): Promise<Client> {
  const client = new Client({ name: 'mock-upstreams-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
    requestInit: { headers: { authorization } },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  await client.connect(transport);
  return client;
}

export interface ToolAnswer {
  readonly isError: boolean;
  readonly text: string;
  readonly json: unknown;
}

export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text?: string }[];
  const text = content.map((c) => c.text ?? '').join('');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { isError: result.isError === true, text, json };
}

/** Calls a tool that must succeed and returns its JSON. */
export async function callOk<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
  const answer = await callTool(client, name, args);
  if (answer.isError) throw new Error(`${name} failed: ${answer.text}`);
  return answer.json as T;
}
