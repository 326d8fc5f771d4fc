/**
 * An MCP client for a mock vendor, signed in with a seeded API key: by account index (the valid key
 * of that account) or by an explicit key. Clients are closed by the caller.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { apiKeyFor, type ApiKeyFixture, type VendorId } from '../../../fixtures/vendors/index.ts';
import type { MockUpstreams } from '../../../mock-upstreams/index.ts';
import { authorizationFor, connectMcp } from './mcpSession.ts';

export function connectAs(upstreams: MockUpstreams, vendor: VendorId, who: number | ApiKeyFixture = 0): Promise<Client> {
  const key = typeof who === 'number' ? apiKeyFor(upstreams.fixtures[vendor], 'valid', who) : who;
  return connectMcp(upstreams.vendors[vendor].mcpUrl, authorizationFor(key));
}
