/**
 * An in-memory OAuthClientProvider for @modelcontextprotocol/sdk clients in tests: it keeps the
 * registration, tokens and PKCE verifier, and instead of opening a browser it records the
 * authorization URL so the test can drive it (headless cookie-jar walk or real Chromium).
 * `invalidated` lists what the SDK threw away (invalidateCredentials), in order — the SDK needs it to
 * recover from invalid_grant, and refresh tests observe it.
 */
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

export interface MemoryOAuthProviderOptions {
  readonly redirectUrl: string;
  readonly clientName: string;
  /** A Client ID Metadata Document URL; when the AS advertises CIMD the SDK uses it instead of DCR. */
  readonly clientMetadataUrl?: string;
}

export class MemoryOAuthProvider implements OAuthClientProvider {
  readonly #options: MemoryOAuthProviderOptions;
  #client: OAuthClientInformationMixed | undefined;
  #tokens: OAuthTokens | undefined;
  #verifier = '';
  readonly authorizationUrls: URL[] = [];
  readonly invalidated: string[] = [];

  constructor(options: MemoryOAuthProviderOptions) {
    this.#options = options;
  }

  get redirectUrl(): string {
    return this.#options.redirectUrl;
  }

  get clientMetadataUrl(): string | undefined {
    return this.#options.clientMetadataUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.#options.clientName,
      redirect_uris: [this.#options.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.#client;
  }

  saveClientInformation(info: OAuthClientInformationMixed): void {
    this.#client = info;
  }

  tokens(): OAuthTokens | undefined {
    return this.#tokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.#tokens = tokens;
  }

  redirectToAuthorization(url: URL): void {
    this.authorizationUrls.push(url);
  }

  saveCodeVerifier(verifier: string): void {
    this.#verifier = verifier;
  }

  codeVerifier(): string {
    return this.#verifier;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    this.invalidated.push(scope);
    if (scope === 'all' || scope === 'tokens') this.#tokens = undefined;
    if (scope === 'all' || scope === 'client') this.#client = undefined;
    if (scope === 'all' || scope === 'verifier') this.#verifier = '';
  }

  /** The most recent authorization URL, if the client asked to open one. */
  get authorizationUrl(): URL | undefined {
    return this.authorizationUrls.at(-1);
  }

  /** Assigning undefined forgets the URLs seen so far (to observe the next one). */
  set authorizationUrl(value: URL | undefined) {
    this.authorizationUrls.length = 0;
    if (value) this.authorizationUrls.push(value);
  }

  get lastAuthorizationUrl(): URL {
    const url = this.authorizationUrls.at(-1);
    if (!url) throw new Error('the client never asked to open an authorization URL');
    return url;
  }
}
