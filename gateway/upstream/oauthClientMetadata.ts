/**
 * The gateway as an OAuth client of its upstreams, identified the 2026-07-28 way: its own Client ID
 * Metadata Document (draft-ietf-oauth-client-id-metadata-document), served at
 * `/upstream/oauth/client-metadata.json` next to the upstream callback, whose URL is the client_id.
 *
 * - `token_endpoint_auth_method: none`: a public client protected by PKCE S256 and the redirect URI
 *   pinned in this document. private_key_jwt would need the gateway to publish and rotate a client
 *   JWKS for upstreams; nothing in the upstream conversation needs a client secret today.
 * - `application_type` follows the 2026-07-28 client-registration text: a web server reached from
 *   other hosts is "web"; one on a loopback address ("locally-hosted web applications accessed via
 *   localhost") is "native" — OIDC authorization servers refuse loopback http redirect URIs for
 *   "web" clients. The same value goes into dynamic registration.
 * - The spec requires an https client_id. A gateway on http can only use its document where the
 *   authorization server is on the same machine: an http client_id on a loopback address is offered
 *   only to an authorization server whose issuer is itself on a loopback address (a developer's
 *   local server — nothing else could fetch the document anyway). Such a server must opt in to
 *   http client_ids itself (the mock upstreams: `clientIdMetadataDocuments: "https-and-loopback"`).
 */
export const UPSTREAM_CLIENT_METADATA_PATH = '/upstream/oauth/client-metadata.json';

export const GATEWAY_CLIENT_NAME = 'Gangway AI Gateway';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost');
}

export type ApplicationType = 'web' | 'native';

export function applicationTypeFor(redirectUri: string): ApplicationType {
  const url = URL.parse(redirectUri);
  return url && isLoopback(url) ? 'native' : 'web';
}

/** The document's URL for the gateway whose upstream callback is `redirectUri` (same origin). */
export function clientMetadataUrlFor(redirectUri: string): string {
  return new URL(UPSTREAM_CLIENT_METADATA_PATH, redirectUri).href;
}

export interface ClientMetadataDocument {
  readonly client_id: string;
  readonly client_name: string;
  readonly client_uri: string;
  readonly redirect_uris: readonly string[];
  readonly grant_types: readonly string[];
  readonly response_types: readonly string[];
  readonly token_endpoint_auth_method: 'none';
  readonly application_type: ApplicationType;
}

export function clientMetadataDocument(redirectUri: string): ClientMetadataDocument {
  return {
    client_id: clientMetadataUrlFor(redirectUri),
    client_name: GATEWAY_CLIENT_NAME,
    client_uri: new URL(redirectUri).origin,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    application_type: applicationTypeFor(redirectUri),
  };
}

/**
 * Whether this client_id URL may be offered to the authorization server `issuer`: https with a
 * path (the spec's rule), or — the loopback exception above — http on loopback to a loopback issuer.
 */
export function clientIdUsableWith(clientIdUrl: string, issuer: string): boolean {
  const url = URL.parse(clientIdUrl);
  if (!url || url.pathname === '/' || url.hash || url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  const as = URL.parse(issuer);
  return url.protocol === 'http:' && isLoopback(url) && as !== null && isLoopback(as);
}
