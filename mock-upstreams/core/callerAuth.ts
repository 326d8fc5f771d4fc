/**
 * Who is calling a vendor's REST or MCP endpoint: an OAuth access token this vendor issued, or one
 * of its API keys (Bearer, or Basic `email:token` where the vendor takes that). The outcome names
 * the failure precisely (expired vs revoked vs unknown) so each vendor can answer in its own words.
 */
import type { ApiKeyRegistry } from './apiKeys.ts';
import type { PresentedCredential } from './http/presentedCredential.ts';
import type { TokenStore } from './oauth/tokenStore.ts';

export interface Caller {
  readonly accountId: string;
  readonly scopes: ReadonlySet<string>;
  /** Credential kind, as recorded (`classic-pat`, `oauth-access-token`, …). */
  readonly credential: string;
  readonly via: 'oauth' | 'api-key';
  /** Slack bot tokens act as the bot user, not as the person who installed the app. */
  readonly actor: 'user' | 'bot';
}

export type AuthFailure = 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired' | 'wrong-resource';

export type AuthOutcome = { readonly ok: true; readonly caller: Caller } | { readonly ok: false; readonly failure: AuthFailure };

export interface CallerAuthOptions {
  readonly tokens: TokenStore;
  readonly apiKeys: ApiKeyRegistry;
  /** Atlassian takes API tokens as Basic; GitHub and Slack take keys as Bearer. */
  readonly apiKeyScheme: 'basic' | 'bearer';
  /** The MCP URL when checking audience (RFC 8707): a token issued for another resource is refused. */
  readonly resource?: string | undefined;
}

export function authenticateCaller(presented: PresentedCredential, options: CallerAuthOptions): AuthOutcome {
  if (presented.type === 'none') return { ok: false, failure: 'missing' };
  if (presented.type === 'malformed') return { ok: false, failure: 'malformed' };

  if (presented.type === 'bearer') {
    const issued = options.tokens.checkAccess(presented.token);
    if (issued) {
      if (issued.status !== 'active') return { ok: false, failure: issued.status };
      if (options.resource !== undefined && issued.grant.resource !== undefined && issued.grant.resource !== options.resource) {
        return { ok: false, failure: 'wrong-resource' };
      }
      return {
        ok: true,
        caller: {
          accountId: issued.grant.accountId,
          scopes: new Set(issued.grant.scopes),
          credential: issued.kind,
          via: 'oauth',
          actor: issued.grant.actor ?? 'user',
        },
      };
    }
  }

  const record =
    presented.type === 'basic'
      ? options.apiKeyScheme === 'basic'
        ? options.apiKeys.findBasic(presented.username, presented.password)
        : undefined
      : options.apiKeyScheme === 'bearer'
        ? options.apiKeys.findBearer(presented.token)
        : undefined;
  if (!record) return { ok: false, failure: 'unknown' };
  if (record.revoked) return { ok: false, failure: 'revoked' };
  return {
    ok: true,
    caller: {
      accountId: record.key.accountId,
      scopes: new Set(record.key.scopes),
      credential: record.key.kind,
      via: 'api-key',
      actor: record.key.kind === 'bot-token' ? 'bot' : 'user',
    },
  };
}
