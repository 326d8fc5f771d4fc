/**
 * The token endpoint, through the SDK: redeem the code (PKCE verifier, redirect_uri, RFC 8707
 * `resource` — CLIENT-CHATGPT-03, CLIENT-CLAUDE-03) and refresh (rotation: whatever refresh token
 * comes back replaces the old one; the SDK keeps the old one only when none is returned).
 * Errors are sorted into the three cases clients act on differently.
 */
import { exchangeAuthorization, refreshAuthorization } from '@modelcontextprotocol/sdk/client/auth.js';
import { OAuthError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ServerDiscovery } from './discovery.ts';
import type { RegisteredClient } from './registration.ts';

/** Secrets stay in this object, in memory; nothing renders or logs it. */
export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken?: string | undefined;
  readonly expiresAt?: number | undefined;
  readonly scope?: string | undefined;
}

export type TokenErrorKind = 'invalid_client' | 'invalid_grant' | 'other';

export function tokenErrorKind(error: unknown): TokenErrorKind {
  const code = error instanceof OAuthError ? error.errorCode : undefined;
  if (code === 'invalid_client' || code === 'unauthorized_client') return 'invalid_client';
  if (code === 'invalid_grant') return 'invalid_grant';
  return 'other';
}

export function toTokenSet(tokens: OAuthTokens, now = Date.now()): TokenSet {
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: tokens.expires_in !== undefined ? now + tokens.expires_in * 1000 : undefined,
    scope: tokens.scope,
  };
}

export async function redeemCode(
  discovery: ServerDiscovery,
  client: RegisteredClient,
  grant: { readonly code: string; readonly codeVerifier: string; readonly redirectUri: string },
  fetchFn: FetchLike,
): Promise<TokenSet> {
  const tokens = await exchangeAuthorization(discovery.authorizationServerUrl, {
    metadata: discovery.metadata,
    clientInformation: client.information,
    authorizationCode: grant.code,
    codeVerifier: grant.codeVerifier,
    redirectUri: grant.redirectUri,
    resource: discovery.resource,
    fetchFn,
  });
  return toTokenSet(tokens);
}

export async function refreshTokenSet(discovery: ServerDiscovery, client: RegisteredClient, refreshToken: string, fetchFn: FetchLike): Promise<TokenSet> {
  const tokens = await refreshAuthorization(discovery.authorizationServerUrl, {
    metadata: discovery.metadata,
    clientInformation: client.information,
    refreshToken,
    resource: discovery.resource,
    fetchFn,
  });
  return toTokenSet(tokens);
}
