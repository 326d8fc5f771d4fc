/**
 * How a client finds out how to sign in to an MCP server (MCP authorization, 2025-11-25):
 *  1. send the first MCP request without credentials and read the 401's `WWW-Authenticate`
 *     (`resource_metadata`, `scope`) — AUTH-02;
 *  2. fetch RFC 9728 Protected Resource Metadata from that URL, or from the well-known locations
 *     when the header names none — AUTH-01/03;
 *  3. check the PRM `resource` against the URL the person typed — AUTH-04 (profiles differ: Claude
 *     wants an exact match, CLIENT-CLAUDE-03; the SDK and ChatGPT accept a parent URL);
 *  4. fetch the authorization server's RFC 8414 / OIDC metadata — AS-01/02 — and refuse one that
 *     does not advertise PKCE S256 — AS-03.
 * Each failure is a FlowFailure with the reason a profile turns into its own words.
 */
import {
  discoverAuthorizationServerMetadata,
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { checkResourceAllowed } from '@modelcontextprotocol/sdk/shared/auth-utils.js';
import type { AuthorizationServerMetadata, OAuthProtectedResourceMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { discoverRequest, initializeRequest, mcpHeaders } from '../../../wire/mcpRequests.ts';
import { LATEST_STATEFUL_REVISION, STATELESS_REVISION, type SpecRevision } from '../../../wire/protocolVersions.ts';
import { FlowFailure } from '../flowFailure.ts';

export interface Challenge {
  readonly resourceMetadataUrl?: string;
  readonly scope?: string;
  readonly error?: string;
}

export type ProbeResult = { readonly kind: 'open' } | { readonly kind: 'challenge'; readonly challenge: Challenge };

export interface ServerDiscovery {
  readonly mcpUrl: string;
  readonly challenge: Challenge;
  readonly resourceMetadata: OAuthProtectedResourceMetadata;
  /** The PRM `resource`, verbatim: what `resource` carries on /authorize and /token (RFC 8707). */
  readonly resource: string;
  readonly authorizationServerUrl: string;
  readonly metadata: AuthorizationServerMetadata;
}

export type ResourceMatch = 'exact' | 'prefix';

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

export function resourceMatches(typedUrl: string, resource: string, rule: ResourceMatch): boolean {
  if (!URL.canParse(resource)) return false;
  if (rule === 'exact') return withoutTrailingSlash(new URL(resource).href) === withoutTrailingSlash(new URL(typedUrl).href);
  return checkResourceAllowed({ requestedResource: typedUrl, configuredResource: resource });
}

/**
 * Step 1: the first MCP request, unauthenticated, as every client sends it: `initialize`, or in
 * 2026-07-28 `server/discover` (that revision has no initialize).
 */
export async function probeMcpServer(mcpUrl: string, clientInfo: { name: string; version: string }, fetchFn: FetchLike, revision: SpecRevision = LATEST_STATEFUL_REVISION): Promise<ProbeResult> {
  const first = revision === STATELESS_REVISION ? discoverRequest(clientInfo, 0) : initializeRequest(LATEST_STATEFUL_REVISION, clientInfo, 0);
  let response: Response;
  try {
    response = await fetchFn(mcpUrl, { method: 'POST', headers: mcpHeaders(revision === STATELESS_REVISION ? STATELESS_REVISION : LATEST_STATEFUL_REVISION, first), body: JSON.stringify(first) });
  } catch (error) {
    throw new FlowFailure('server-unreachable', `could not reach ${new URL(mcpUrl).origin}`, { cause: error });
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.ok) return { kind: 'open' };
  if (response.status !== 401) throw new FlowFailure('mcp-endpoint-error', `the MCP endpoint answered ${response.status} to ${first.method}`);
  const params = extractWWWAuthenticateParams(response);
  return {
    kind: 'challenge',
    challenge: {
      ...(params.resourceMetadataUrl ? { resourceMetadataUrl: params.resourceMetadataUrl.href } : {}),
      ...(params.scope ? { scope: params.scope } : {}),
      ...(params.error ? { error: params.error } : {}),
    },
  };
}

/** Steps 2–4. */
export async function discoverAuthorization(mcpUrl: string, challenge: Challenge, rule: ResourceMatch, fetchFn: FetchLike): Promise<ServerDiscovery> {
  let resourceMetadata: OAuthProtectedResourceMetadata;
  try {
    resourceMetadata = await discoverOAuthProtectedResourceMetadata(mcpUrl, challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}, fetchFn);
  } catch (error) {
    throw new FlowFailure('protected-resource-metadata', 'no usable Protected Resource Metadata', { cause: error });
  }
  if (!resourceMatches(mcpUrl, resourceMetadata.resource, rule)) {
    throw new FlowFailure('resource-mismatch', `PRM resource ${resourceMetadata.resource} does not match ${mcpUrl}`);
  }
  const authorizationServerUrl = resourceMetadata.authorization_servers?.[0];
  if (!authorizationServerUrl) throw new FlowFailure('authorization-server-metadata', 'PRM names no authorization server');
  let metadata: AuthorizationServerMetadata | undefined;
  try {
    metadata = await discoverAuthorizationServerMetadata(authorizationServerUrl, { fetchFn });
  } catch (error) {
    throw new FlowFailure('authorization-server-metadata', `no usable metadata at ${new URL(authorizationServerUrl).origin}`, { cause: error });
  }
  if (!metadata) throw new FlowFailure('authorization-server-metadata', `no metadata at ${new URL(authorizationServerUrl).origin}`);
  if (!metadata.code_challenge_methods_supported?.includes('S256')) {
    throw new FlowFailure('pkce-unsupported', 'the authorization server does not advertise PKCE S256');
  }
  return { mcpUrl, challenge, resourceMetadata, resource: resourceMetadata.resource, authorizationServerUrl, metadata };
}
