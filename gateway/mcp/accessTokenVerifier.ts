/**
 * AUTH-08: an access token is accepted only when its signature verifies against the gateway's keys
 * and `typ` is at+jwt (RFC 9068 — an ID token is not an access token), `iss` is this issuer, `aud`
 * is one of this gateway's MCP endpoints — which one, bearerAuth.ts checks per endpoint (RFC 8707: a
 * token minted for another resource is refused) — it has not
 * expired, and its grant still exists — revoking a grant (refresh-token reuse, the revocation
 * endpoint, a user revoking the client) stops its access tokens at once, not at expiry — and belongs
 * to the token's `sub` and `client_id` (a token minted with a stolen key for another user is refused).
 *
 * A token whose signature and claims verified once is remembered until it expires (issue 12: the
 * RSA check was a tenth of a proxied call); the grant is looked up on every request — through the
 * store cache, which a revocation empties — so revoking still takes effect on the very next call.
 * The result is the SDK's AuthInfo, with the subject and grant in `extra`.
 */
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { GRANT_ID_CLAIM } from '../oauth/createProvider.ts';

/** What every MCP request knows about its caller once the token verified. */
export interface VerifiedAuth extends AuthInfo {
  readonly expiresAt: number;
  readonly extra: { readonly subject: string; readonly grantId: string };
}

export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

export interface VerifierOptions {
  readonly issuer: string;
  /** Every MCP endpoint URL of this gateway; the token's `aud` must be one of them. */
  readonly audiences: readonly string[];
  readonly publicJwks: { keys: JWK[] };
  /** The oidc-provider Grant by id, undefined once revoked or expired (storeCache.ts). */
  readonly findGrant: (grantId: string) => Promise<Record<string, unknown> | undefined>;
  readonly clockToleranceSeconds?: number;
}

export type AccessTokenVerifier = (token: string) => Promise<VerifiedAuth>;

/** Verified tokens remembered at most; beyond it the oldest is verified again when it comes back. */
const MAX_REMEMBERED = 10_000;

export function createAccessTokenVerifier({ issuer, audiences, publicJwks, findGrant, clockToleranceSeconds = 5 }: VerifierOptions): AccessTokenVerifier {
  const keys = createLocalJWKSet(publicJwks);
  const remembered = new Map<string, VerifiedAuth>();

  const verifySignature = async (token: string): Promise<JWTPayload> => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        audience: [...audiences],
        typ: 'at+jwt',
        algorithms: ['RS256'],
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp', 'sub', 'client_id'],
      });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new TokenRejected('the access token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
        throw new TokenRejected('the access token was issued for a different resource');
      }
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw new TokenRejected(`the access token's ${error.claim} claim is not valid here`);
      throw new TokenRejected('the access token is not valid');
    }
  };

  const verifyOnce = async (token: string): Promise<VerifiedAuth> => {
    const payload = await verifySignature(token);
    const grantId = payload[GRANT_ID_CLAIM];
    if (typeof grantId !== 'string') throw new TokenRejected('the access token has been revoked');
    const auth: VerifiedAuth = {
      token,
      clientId: String(payload.client_id),
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
      expiresAt: Number(payload.exp),
      // oidc-provider issues one audience per token: the endpoint the resource indicator named.
      resource: new URL([payload.aud].flat()[0] as string),
      extra: { subject: String(payload.sub), grantId },
    };
    remembered.set(token, auth);
    if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
    return auth;
  };

  return async (token) => {
    let auth = remembered.get(token);
    if (auth && (auth.expiresAt + clockToleranceSeconds) * 1000 <= Date.now()) {
      remembered.delete(token);
      throw new TokenRejected('the access token has expired');
    }
    auth ??= await verifyOnce(token);
    const grant = await findGrant(auth.extra.grantId);
    if (!grant) throw new TokenRejected('the access token has been revoked');
    if (grant.accountId !== auth.extra.subject || grant.clientId !== auth.clientId) {
      throw new TokenRejected('the access token does not match the grant it names');
    }
    return auth;
  };
}
