/**
 * The shared core one mock vendor is built on: accounts, API keys, OAuth clients, authorization
 * requests, tokens, browser sessions, fault knobs and the recording — all in memory, all reset
 * together. A vendor folder supplies only its profile (names, paths, token formats) and its routes.
 */
import type { VendorAccountFixture, ApiKeyFixture, VendorId } from '../../fixtures/vendors/types.ts';
import { AccountDirectory } from './accounts.ts';
import { ApiKeyRegistry } from './apiKeys.ts';
import { authenticateCaller, type AuthOutcome } from './callerAuth.ts';
import { FaultKnobs } from './faults.ts';
import type { Brand } from './http/vendorPage.ts';
import { presentedCredential } from './http/presentedCredential.ts';
import { AuthorizationRequests } from './oauth/authorizationRequests.ts';
import { ClientRegistry, type OAuthClient } from './oauth/clientRegistry.ts';
import { LoginSessions } from './oauth/loginSessions.ts';
import { TokenStore, type TokenFormatter } from './oauth/tokenStore.ts';
import { RequestRecording, type RequestArea } from './recording.ts';

export interface CredentialFormat {
  /** Recorded kind, e.g. `classic-pat`. */
  readonly kind: string;
  readonly pattern: RegExp;
}

export interface VendorProfile {
  readonly id: VendorId;
  readonly brand: Brand;
  /** Browser session cookie; distinct per vendor because cookies ignore ports. */
  readonly sessionCookie: string;
  readonly mcpPath: string;
  /** Paths of the OAuth area (authorize, token, login, consent, registration); a trailing `/` makes a prefix. */
  readonly oauthPaths: readonly string[];
  readonly apiKeyScheme: 'basic' | 'bearer';
  /** Vendor token shapes, so an unknown or foreign token is still recorded by kind, never by value. */
  readonly credentialFormats: readonly CredentialFormat[];
  readonly formatToken: TokenFormatter;
}

export interface VendorCoreInput {
  readonly profile: VendorProfile;
  readonly baseUrl: string;
  readonly accounts: readonly VendorAccountFixture[];
  readonly apiKeys: readonly ApiKeyFixture[];
  readonly clients: readonly OAuthClient[];
}

export class VendorCore {
  readonly profile: VendorProfile;
  readonly baseUrl: string;
  readonly accounts: AccountDirectory;
  readonly apiKeys: ApiKeyRegistry;
  readonly clients: ClientRegistry;
  readonly authorizations = new AuthorizationRequests();
  readonly tokens: TokenStore;
  readonly sessions: LoginSessions;
  readonly faults = new FaultKnobs();
  readonly recording: RequestRecording;

  constructor(input: VendorCoreInput) {
    this.profile = input.profile;
    this.baseUrl = input.baseUrl.replace(/\/+$/, '');
    this.accounts = new AccountDirectory(input.accounts);
    this.apiKeys = new ApiKeyRegistry(input.apiKeys);
    this.clients = new ClientRegistry(input.clients);
    this.tokens = new TokenStore(input.profile.formatToken);
    this.sessions = new LoginSessions(input.profile.sessionCookie);
    this.recording = new RequestRecording(input.profile.id);
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  get mcpUrl(): string {
    return this.url(this.profile.mcpPath);
  }

  areaOf(pathname: string): RequestArea {
    if (pathname === this.profile.mcpPath) return 'mcp';
    if (this.profile.oauthPaths.some((p) => (p.endsWith('/') ? pathname.startsWith(p) : pathname === p))) return 'oauth';
    return 'api';
  }

  /** Authenticates a REST or MCP request; `resource` adds the RFC 8707 audience check. */
  authenticate(request: Request, resource?: string): AuthOutcome {
    return authenticateCaller(presentedCredential(request), {
      tokens: this.tokens,
      apiKeys: this.apiKeys,
      apiKeyScheme: this.profile.apiKeyScheme,
      resource,
    });
  }

  /** Back to the seeded state: no tokens, sessions, dynamic clients or faults; seeded key states. */
  reset(): void {
    this.authorizations.reset();
    this.tokens.reset();
    this.sessions.reset();
    this.clients.reset();
    this.apiKeys.reset();
    this.faults.reset();
    this.recording.clear();
  }
}
