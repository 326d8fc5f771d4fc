/**
 * Authorization requests between /authorize and the token endpoint: the pending request the login
 * and consent pages work on (found by an unguessable transaction id, 10 minutes), then the
 * authorization code (single use, 10 minutes, bound to client, redirect URI, PKCE challenge and the
 * flow that issued it — an Atlassian 3LO code cannot be redeemed at the MCP token endpoint).
 */
import { randomBytes } from 'node:crypto';
import type { OAuthClient } from './clientRegistry.ts';
import { invalidGrant } from './oauthError.ts';
import { checkPkceVerifier, type PkceChallenge } from './pkce.ts';

const LIFETIME_MS = 10 * 60 * 1000;

export interface ScopeGroup {
  /** Heading on the consent page, e.g. "Bot permissions". */
  readonly label: string;
  readonly scopes: readonly string[];
}

export interface PendingAuthorization {
  readonly id: string;
  readonly flow: string;
  readonly client: OAuthClient;
  readonly redirectUri: string;
  /** Whether /authorize received redirect_uri explicitly (then the token request must repeat it). */
  readonly redirectUriSent: boolean;
  readonly state: string | undefined;
  readonly pkce: PkceChallenge | undefined;
  readonly scopeGroups: readonly ScopeGroup[];
  readonly resource: string | undefined;
  /** RFC 9207: the issuer named in `iss` on the responses, when the flow's server advertises it. */
  readonly issuer?: string | undefined;
  /** Extra parameters a vendor adds to `error=access_denied` (GitHub: error_description, error_uri). */
  readonly denyParams: Readonly<Record<string, string>>;
  readonly createdAt: number;
}

export interface RedeemedCode {
  readonly pending: PendingAuthorization;
  readonly accountId: string;
}

interface CodeRecord extends RedeemedCode {
  readonly expiresAt: number;
  used: boolean;
}

export interface RedeemRequest {
  readonly code: string | undefined;
  readonly flow: string;
  readonly clientId: string;
  readonly redirectUri: string | undefined;
  readonly codeVerifier: string | undefined;
}

export class AuthorizationRequests {
  #pending = new Map<string, PendingAuthorization>();
  #codes = new Map<string, CodeRecord>();

  start(request: Omit<PendingAuthorization, 'id' | 'createdAt'>): PendingAuthorization {
    const pending = { ...request, id: randomBytes(18).toString('base64url'), createdAt: Date.now() };
    this.#pending.set(pending.id, pending);
    return pending;
  }

  find(id: string | undefined): PendingAuthorization | undefined {
    const pending = id === undefined ? undefined : this.#pending.get(id);
    if (!pending) return undefined;
    if (pending.createdAt + LIFETIME_MS < Date.now()) {
      this.#pending.delete(pending.id);
      return undefined;
    }
    return pending;
  }

  /** Ends the pending request (allowed or denied): its transaction id cannot be replayed. */
  finish(pending: PendingAuthorization): void {
    this.#pending.delete(pending.id);
  }

  issueCode(pending: PendingAuthorization, accountId: string): string {
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, { pending, accountId, expiresAt: Date.now() + LIFETIME_MS, used: false });
    return code;
  }

  redeem(request: RedeemRequest): RedeemedCode {
    if (!request.code) throw invalidGrant('code is required', 'code');
    const record = this.#codes.get(request.code);
    if (!record || record.pending.flow !== request.flow) throw invalidGrant('The authorization code is invalid.', 'code');
    if (record.used) throw invalidGrant('The authorization code was already used.', 'code');
    if (record.expiresAt < Date.now()) throw invalidGrant('The authorization code expired.', 'code');
    if (record.pending.client.clientId !== request.clientId) throw invalidGrant('The authorization code was issued to another client.', 'code');
    // From here on the code is spent even if a check fails: a wrong verifier cannot be retried.
    record.used = true;
    if (record.pending.redirectUriSent || request.redirectUri !== undefined) {
      if (request.redirectUri !== record.pending.redirectUri) throw invalidGrant('redirect_uri does not match the authorization request.', 'redirect_uri');
    }
    checkPkceVerifier(record.pending.pkce, request.codeVerifier);
    return { pending: record.pending, accountId: record.accountId };
  }

  reset(): void {
    this.#pending = new Map();
    this.#codes = new Map();
  }
}
