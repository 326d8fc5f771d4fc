/**
 * RFC 8707 resource indicators (AS-04). The gateway's protected resources are its MCP endpoints:
 * the aggregated `/mcp` and one `/mcp/<connector>` per connector (issue 13 item 2). Every access
 * token it issues is a JWT whose `aud` is exactly the endpoint it was asked for (AUTH-08 checks it
 * again on the way in, per endpoint: a token for `/mcp/github` does not open `/mcp`). Matching is by URL semantics, not string equality: scheme and host are
 * case-insensitive and a trailing slash or the bare origin name the same server, because real
 * clients send all of these (real-world failure #4). Anything else is `invalid_target`.
 */
import { errors } from 'oidc-provider';
import { MCP_SCOPE } from './scopes.ts';

export function normalizeResource(value: string): string | undefined {
  const url = URL.parse(value);
  if (!url || url.hash || url.search || url.username || url.password) return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

export function isGatewayResource(value: string, mcpUrl: string): boolean {
  const normalized = normalizeResource(value);
  if (!normalized) return false;
  const mcp = new URL(mcpUrl);
  return normalized === `${mcp.origin}${mcp.pathname}` || normalized === mcp.origin;
}

/** The URL of a connector's own MCP endpoint: the aggregated URL and the connector id as one more segment. */
export const connectorMcpUrl = (mcpUrl: string, connectorId: string) => `${mcpUrl}/${connectorId}`;

/** The gateway's MCP endpoints as protected resources. */
export interface ProtectedResources {
  /** The aggregated endpoint: every granted connector, names prefixed. */
  readonly aggregated: string;
  /** Every endpoint URL, the aggregated one first: the audiences a token may carry. */
  readonly all: readonly string[];
  /** The endpoint a resource indicator names (URL semantics, see above), undefined for anything else. */
  canonical(resourceIndicator: string): string | undefined;
  /** The connector whose own endpoint a resource indicator names; undefined for the aggregated one or anything else. */
  connectorOf(resourceIndicator: string): string | undefined;
}

export function protectedResources(mcpUrl: string, connectorIds: readonly string[]): ProtectedResources {
  const byNormalized = new Map<string, string>();
  const connectorByUrl = new Map<string, string>();
  for (const id of connectorIds) connectorByUrl.set(connectorMcpUrl(mcpUrl, id), id);
  const all = [mcpUrl, ...connectorByUrl.keys()];
  for (const url of all) byNormalized.set(normalizeResource(url)!, url);
  const canonical = (value: string): string | undefined => {
    if (isGatewayResource(value, mcpUrl)) return mcpUrl;
    const normalized = normalizeResource(value);
    return normalized === undefined ? undefined : byNormalized.get(normalized);
  };
  return {
    aggregated: mcpUrl,
    all,
    canonical,
    connectorOf: (value) => connectorByUrl.get(canonical(value) ?? ''),
  };
}

export interface ResourceServerOptions {
  readonly resources: ProtectedResources;
  readonly accessTokenTtlSeconds: number;
}

export function resourceIndicatorsFeature({ resources, accessTokenTtlSeconds }: ResourceServerOptions) {
  return {
    enabled: true,
    // Clients that omit `resource` still get an audience-restricted token, for the aggregated endpoint.
    defaultResource: async () => resources.aggregated,
    // A refresh without `resource` keeps the audience granted at authorization time.
    useGrantedResource: async () => true,
    getResourceServerInfo: async (_ctx: unknown, resourceIndicator: string) => {
      const audience = resources.canonical(resourceIndicator);
      if (!audience) {
        throw new errors.InvalidTarget(`this authorization server only issues tokens for its MCP endpoints, ${resources.aggregated} and ${resources.aggregated}/<connector>`);
      }
      return {
        scope: MCP_SCOPE,
        audience,
        accessTokenTTL: accessTokenTtlSeconds,
        accessTokenFormat: 'jwt' as const,
        jwt: { sign: { alg: 'RS256' as const } },
      };
    },
  };
}
