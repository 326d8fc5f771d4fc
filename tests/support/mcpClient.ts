/** An @modelcontextprotocol/sdk client talking to the gateway with a given access token. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

export interface ConnectedClient {
  readonly client: Client;
  /** How many notifications/tools/list_changed arrived so far. */
  listChanged(): number;
  close(): Promise<void>;
}

export async function connectMcp(mcpUrl: string, accessToken: string, name = 'test-client'): Promise<ConnectedClient> {
  const client = new Client({ name, version: '1.0.0' });
  let changes = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
    changes++;
  });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { authorization: `Bearer ${accessToken}` } } }));
  return { client, listChanged: () => changes, close: () => client.close() };
}

export function textOf(result: object): string {
  return (((result as { content?: unknown }).content as { type: string; text?: string }[] | undefined) ?? []).map((part) => part.text ?? '').join('\n');
}
