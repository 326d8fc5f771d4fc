/**
 * The Inspector page's OAuthClientProvider: like the real Inspector it keeps its DCR client, PKCE
 * verifier, discovery results and tokens in sessionStorage, one set per server URL, so they survive
 * the trip to the authorization server and back. (In a real browser that is where they live; the
 * page never renders them.)
 */
import type { OAuthClientProvider, OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { INSPECTOR_CALLBACK_PATH, inspectorClientMetadata } from '../profile.ts';

type Slot = 'client' | 'tokens' | 'verifier' | 'state' | 'discovery';

export class SessionOAuthProvider implements OAuthClientProvider {
  readonly #serverUrl: string;
  readonly #onRedirect: (url: URL) => Promise<void>;

  constructor(serverUrl: string, onRedirect: (url: URL) => Promise<void>) {
    this.#serverUrl = serverUrl;
    this.#onRedirect = onRedirect;
  }

  #key(slot: Slot): string {
    return `mcp-inspector:${this.#serverUrl}:${slot}`;
  }

  #read<T>(slot: Slot): T | undefined {
    const value = sessionStorage.getItem(this.#key(slot));
    if (value === null) return undefined;
    try {
      return JSON.parse(value) as T;
    } catch {
      return undefined;
    }
  }

  #write(slot: Slot, value: unknown): void {
    sessionStorage.setItem(this.#key(slot), JSON.stringify(value));
  }

  get redirectUrl(): string {
    return `${window.location.origin}${INSPECTOR_CALLBACK_PATH}`;
  }

  get clientMetadata(): OAuthClientMetadata {
    return inspectorClientMetadata(window.location.origin);
  }

  state(): string {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    const state = btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c] ?? '');
    this.#write('state', state);
    return state;
  }

  /** The state this page sent, taken once (the callback compares and forgets it). */
  takeState(): string | undefined {
    const state = this.#read<string>('state');
    sessionStorage.removeItem(this.#key('state'));
    return state;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.#read('client');
  }

  saveClientInformation(information: OAuthClientInformationMixed): void {
    this.#write('client', information);
  }

  tokens(): OAuthTokens | undefined {
    return this.#read('tokens');
  }

  saveTokens(tokens: OAuthTokens): void {
    this.#write('tokens', tokens);
  }

  redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    return this.#onRedirect(authorizationUrl);
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.#write('verifier', codeVerifier);
  }

  codeVerifier(): string {
    const verifier = this.#read<string>('verifier');
    if (!verifier) throw new Error('no PKCE code verifier saved for this server');
    return verifier;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.#write('discovery', state);
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.#read('discovery');
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    const slots: Slot[] = scope === 'all' ? ['client', 'tokens', 'verifier', 'discovery'] : [scope];
    for (const slot of slots) sessionStorage.removeItem(this.#key(slot));
  }
}
