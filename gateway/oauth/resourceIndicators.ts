/**
 * RFC 8707 resource indicators (AS-04). The gateway is one protected resource — its MCP URL — and
 * every access token it issues is a JWT whose `aud` is exactly that URL (AUTH-08 checks it again on
 * the way in). Matching is by URL semantics, not string equality: scheme and host are
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

export interface ResourceServerOptions {
  readonly mcpUrl: string;
  readonly accessTokenTtlSeconds: number;
}

export function resourceIndicatorsFeature({ mcpUrl, accessTokenTtlSeconds }: ResourceServerOptions) {
  return {
    enabled: true,
    // Clients that omit `resource` still get an audience-restricted token for the MCP endpoint.
    defaultResource: async () => mcpUrl,
    // A refresh without `resource` keeps the audience granted at authorization time.
    useGrantedResource: async () => true,
    getResourceServerInfo: async (_ctx: unknown, resourceIndicator: string) => {
      if (!isGatewayResource(resourceIndicator, mcpUrl)) {
        throw new errors.InvalidTarget(`this authorization server only issues tokens for ${mcpUrl}`);
      }
      return {
        scope: MCP_SCOPE,
        audience: mcpUrl,
        accessTokenTTL: accessTokenTtlSeconds,
        accessTokenFormat: 'jwt' as const,
        jwt: { sign: { alg: 'RS256' as const } },
      };
    },
  };
}
