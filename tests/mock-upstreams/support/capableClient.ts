/**
 * An SDK client for a mock vendor that declares client capabilities (elicitation, sampling) and
 * answers the server's requests with the given handlers, signed in with an account's valid API key.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { apiKeyFor, type VendorId } from '../../../fixtures/vendors/index.ts';
import type { MockUpstreams } from '../../../mock-upstreams/index.ts';
import { authorizationFor } from './mcpSession.ts';

export async function connectCapable(upstreams: MockUpstreams, vendor: VendorId, capabilities: ClientCapabilities, setup: (client: Client) => void, account = 0): Promise<Client> {
  const client = new Client({ name: 'mock-upstreams-capable-test', version: '1.0.0' }, { capabilities });
  setup(client);
  const authorization = authorizationFor(apiKeyFor(upstreams.fixtures[vendor], 'valid', account));
  await client.connect(new StreamableHTTPClientTransport(new URL(upstreams.vendors[vendor].mcpUrl), { requestInit: { headers: { authorization } } }));
  return client;
}
