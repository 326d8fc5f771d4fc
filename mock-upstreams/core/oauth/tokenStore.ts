/**
 * Issued OAuth tokens of one mock vendor. A grant is one user's consent to one client; it owns
 * its access tokens and at most one live refresh token at a time.
 *
 * - Refresh tokens rotate: a refresh answers a new pair and kills the old refresh token. Presenting a
 *   used refresh token again is `invalid_grant` and revokes the whole grant (OAuth 2.1 §4.3.1
 *   refresh-token reuse detection) — what Atlassian and Slack clients must cope with (UP-03).
 * - Knobs: expire every access token now, revoke grants, make refreshes fail (FaultKnobs).
 * Token values are formatted by the vendor (`gho_…`, `xoxe.xoxp-…`) and kept only in memory.
 */
import { randomUUID } from 'node:crypto';
import { invalidGrant } from './oauthError.ts';

export interface GrantSpec {
  readonly clientId: string;
  readonly accountId: string;
  readonly scopes: readonly string[];
  /** What the access token is called in recordings, e.g. `oauth-access-token`, `rotating-user-token`. */
  readonly accessKind: string;
  readonly refreshKind: string;
  /** Seconds an access token lives; null = until revoked (GitHub's classic OAuth tokens). */
  readonly accessTtlSeconds: number | null;
  readonly withRefreshToken: boolean;
  /** RFC 8707 resource the token is for, when the client sent one. */
  readonly resource?: string | undefined;
  /** Vendor detail carried to refreshed tokens (Slack: bot or user token). */
  readonly actor?: 'user' | 'bot' | undefined;
}

export interface Grant extends GrantSpec {
  readonly id: string;
}

export interface IssuedTokens {
  readonly grant: Grant;
  readonly accessToken: string;
  readonly expiresIn: number | undefined;
  readonly refreshToken: string | undefined;
}

export type TokenFormatter = (kind: string) => string;

interface AccessRecord {
  readonly grantId: string;
  readonly kind: string;
  expiresAt: number | null;
  revoked: boolean;
}

interface RefreshRecord {
  readonly grantId: string;
  readonly kind: string;
  used: boolean;
  revoked: boolean;
}

export type AccessCheck =
  | { readonly status: 'active'; readonly grant: Grant; readonly kind: string }
  | { readonly status: 'expired' | 'revoked'; readonly grant: Grant; readonly kind: string };

export interface TokenFilter {
  readonly accountId?: string | undefined;
}

export class TokenStore {
  readonly #format: TokenFormatter;
  #grants = new Map<string, Grant & { revoked: boolean }>();
  #access = new Map<string, AccessRecord>();
  #refresh = new Map<string, RefreshRecord>();

  constructor(format: TokenFormatter) {
    this.#format = format;
  }

  issue(spec: GrantSpec): IssuedTokens {
    const grant = { ...spec, id: randomUUID(), revoked: false };
    this.#grants.set(grant.id, grant);
    return this.#mint(grant);
  }

  #mint(grant: Grant): IssuedTokens {
    const accessToken = this.#format(grant.accessKind);
    this.#access.set(accessToken, {
      grantId: grant.id,
      kind: grant.accessKind,
      expiresAt: grant.accessTtlSeconds === null ? null : Date.now() + grant.accessTtlSeconds * 1000,
      revoked: false,
    });
    let refreshToken: string | undefined;
    if (grant.withRefreshToken) {
      refreshToken = this.#format(grant.refreshKind);
      this.#refresh.set(refreshToken, { grantId: grant.id, kind: grant.refreshKind, used: false, revoked: false });
    }
    return { grant, accessToken, expiresIn: grant.accessTtlSeconds ?? undefined, refreshToken };
  }

  /** Rotates a refresh token; `failAll` is the refresh → invalid_grant fault knob. */
  refresh(refreshToken: string, clientId: string, failAll: boolean): IssuedTokens {
    if (failAll) throw invalidGrant('The refresh token is invalid (fault injected by the mock).', 'refresh_token');
    const record = this.#refresh.get(refreshToken);
    const grant = record && this.#grants.get(record.grantId);
    if (!record || !grant) throw invalidGrant('Unknown or invalid refresh token.', 'refresh_token');
    if (grant.clientId !== clientId) throw invalidGrant('The refresh token was issued to another client.', 'refresh_token');
    if (record.used) {
      this.#revokeGrant(grant.id);
      throw invalidGrant('The refresh token was already used; the grant is revoked (rotation reuse detected).', 'refresh_token');
    }
    if (record.revoked || grant.revoked) throw invalidGrant('The refresh token was revoked.', 'refresh_token');
    record.used = true;
    // The previous access token stays valid until it expires, as with Atlassian and Slack.
    return this.#mint(grant);
  }

  checkAccess(token: string): AccessCheck | undefined {
    const record = this.#access.get(token);
    const grant = record && this.#grants.get(record.grantId);
    if (!record || !grant) return undefined;
    if (record.revoked || grant.revoked) return { status: 'revoked', grant, kind: record.kind };
    if (record.expiresAt !== null && record.expiresAt <= Date.now()) return { status: 'expired', grant, kind: record.kind };
    return { status: 'active', grant, kind: record.kind };
  }

  /** The recording's name for a token this store issued, access or refresh. */
  kindOf(token: string): string | undefined {
    return this.#access.get(token)?.kind ?? this.#refresh.get(token)?.kind;
  }

  #selected(filter: TokenFilter): (Grant & { revoked: boolean })[] {
    return [...this.#grants.values()].filter((g) => filter.accountId === undefined || g.accountId === filter.accountId);
  }

  /** Knob "access token expired now": every live access token (of the account) expires at once. */
  expireAccessTokens(filter: TokenFilter = {}): number {
    const ids = new Set(this.#selected(filter).map((g) => g.id));
    let count = 0;
    for (const record of this.#access.values()) {
      if (!ids.has(record.grantId) || record.revoked) continue;
      record.expiresAt = Date.now() - 1;
      count++;
    }
    return count;
  }

  #revokeGrant(grantId: string): void {
    const grant = this.#grants.get(grantId);
    if (grant) grant.revoked = true;
    for (const record of this.#access.values()) if (record.grantId === grantId) record.revoked = true;
    for (const record of this.#refresh.values()) if (record.grantId === grantId) record.revoked = true;
  }

  /** Knob "token revoked": the user (or everyone) revoked the app — access and refresh tokens die. */
  revoke(filter: TokenFilter = {}): number {
    const grants = this.#selected(filter).filter((g) => !g.revoked);
    for (const grant of grants) this.#revokeGrant(grant.id);
    return grants.length;
  }

  reset(): void {
    this.#grants = new Map();
    this.#access = new Map();
    this.#refresh = new Map();
  }
}
