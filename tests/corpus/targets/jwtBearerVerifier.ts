/**
 * The token check of the corpus MCP servers built from SDK pieces (oidc-provider and better-auth
 * targets): a JWT access token verified against the issuer's JWKS, its `iss` and its audience (the
 * MCP URL), in the SDK's verifier shape; any failure is the SDK's InvalidTokenError (→ 401).
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';

export function jwtBearerVerifier({ issuer, jwksUrl, mcpUrl }: { issuer: string; jwksUrl: string; mcpUrl: string }) {
  const jwks = createRemoteJWKSet(new URL(jwksUrl));
  return {
    async verifyAccessToken(token: string) {
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer, audience: mcpUrl });
        return {
          token,
          clientId: String(payload.azp ?? payload.client_id ?? ''),
          scopes: String(payload.scope ?? '').split(' ').filter(Boolean),
          expiresAt: payload.exp,
          resource: new URL(mcpUrl),
        };
      } catch (error) {
        throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
      }
    },
  };
}
