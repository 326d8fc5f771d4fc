/**
 * AUTH-08: an access token is accepted only when its signature verifies against the gateway's keys
 * and `typ` is at+jwt (RFC 9068 — an ID token is not an access token), `iss` is this issuer, `aud`
 * is exactly this MCP URL (RFC 8707: a token minted for another resource is refused), it has not
 * expired, and its grant still exists — revoking a grant (refresh-token reuse, the revocation
 * endpoint, a user revoking the client) stops its access tokens at once, not at expiry — and belongs
 * to the token's `sub` and `client_id` (a token minted with a stolen key for another user is refused).
 */
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWK } from 'jose';
import { GRANT_ID_CLAIM } from '../oauth/createProvider.ts';
import type { OidcModelStore } from '../store/store.ts';

export interface VerifiedAccessToken {
  readonly token: string;
  readonly subject: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

export interface VerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly publicJwks: { keys: JWK[] };
  readonly grants: Pick<OidcModelStore, 'find'>;
  readonly clockToleranceSeconds?: number;
}

export type AccessTokenVerifier = (token: string) => Promise<VerifiedAccessToken>;

export function createAccessTokenVerifier({ issuer, audience, publicJwks, grants, clockToleranceSeconds = 5 }: VerifierOptions): AccessTokenVerifier {
  const keys = createLocalJWKSet(publicJwks);
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        typ: 'at+jwt',
        algorithms: ['RS256'],
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp', 'sub', 'client_id'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new TokenRejected('the access token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
        throw new TokenRejected('the access token was issued for a different resource');
      }
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw new TokenRejected(`the access token's ${error.claim} claim is not valid here`);
      throw new TokenRejected('the access token is not valid');
    }
    const grantId = payload[GRANT_ID_CLAIM];
    const grant = typeof grantId === 'string' ? await grants.find('Grant', grantId) : undefined;
    if (!grant) throw new TokenRejected('the access token has been revoked');
    if (grant.accountId !== payload.sub || grant.clientId !== payload.client_id) {
      throw new TokenRejected('the access token does not match the grant it names');
    }
    return {
      token,
      subject: String(payload.sub),
      clientId: String(payload.client_id),
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
      expiresAt: Number(payload.exp),
    };
  };
}
