/**
 * PKCE (RFC 7636) as the mocks enforce it: S256 only — `plain` is refused at /authorize — and a
 * verifier of 43–128 unreserved characters whose SHA-256 matches the stored challenge.
 */
import { createHash } from 'node:crypto';
import { invalidGrant, invalidRequest } from './oauthError.ts';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

export interface PkceChallenge {
  readonly challenge: string;
  readonly method: 'S256';
}

/** Validates the /authorize parameters; `required` is true for public clients. */
export function readPkceChallenge(challenge: string | undefined, method: string | undefined, required: boolean): PkceChallenge | undefined {
  if (challenge === undefined) {
    if (method !== undefined) throw invalidRequest('code_challenge_method was sent without code_challenge');
    if (required) throw invalidRequest('code_challenge is required (PKCE S256)');
    return undefined;
  }
  if ((method ?? 'plain') !== 'S256') throw invalidRequest('code_challenge_method must be S256');
  if (!CHALLENGE.test(challenge)) throw invalidRequest('code_challenge must be a base64url SHA-256 digest');
  return { challenge, method: 'S256' };
}

/** Checks the token request's verifier against what /authorize stored. */
export function checkPkceVerifier(stored: PkceChallenge | undefined, verifier: string | undefined): void {
  if (stored === undefined) {
    if (verifier !== undefined) throw invalidGrant('code_verifier was sent but the authorization request had no code_challenge', 'pkce');
    return;
  }
  if (verifier === undefined) throw invalidGrant('code_verifier is required: the authorization request used PKCE', 'pkce');
  if (!VERIFIER.test(verifier)) throw invalidGrant('code_verifier is malformed', 'pkce');
  const digest = createHash('sha256').update(verifier).digest('base64url');
  if (digest !== stored.challenge) throw invalidGrant('code_verifier does not match the code_challenge', 'pkce');
}
