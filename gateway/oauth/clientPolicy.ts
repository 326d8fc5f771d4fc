/**
 * Gateway rules for client metadata, on top of oidc-provider's RFC 7591 validation. They apply to
 * every way a client comes to exist — DCR (AS-07), a Client ID Metadata Document (AS-06) — and are
 * reported with the RFC 7591 codes (oidc-provider turns a description that starts with
 * "redirect_uris" into `invalid_redirect_uri`).
 *
 * - redirect URIs: https, or http only to a loopback address (OAuth 2.1 §2.3.1, RFC 8252 §7.3), or a
 *   private-use scheme for native apps; no fragments, no credentials in the URL.
 * - each is already in its canonical WHATWG serialization and free of control characters,
 *   whitespace, U+2028/U+2029 and `*` (issue 11: the stored string must be the URL users are sent
 *   to, compared exactly — AUTH-12), and there are at most `maxRedirectUris` of them.
 */
import { errors } from 'oidc-provider';
import { isLoopbackRedirect } from './loopbackRedirects.ts';

const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+:$/i;
// C0/C1 controls, DEL, any Unicode space (incl. U+2028/2029), and the wildcard.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\s\u2028\u2029*]/u;
/** The URI quoted for an error description, with every invisible character escaped. */
const shown = (uri: string) =>
  JSON.stringify(uri.slice(0, 200)).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function checkRedirectUri(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return 'redirect_uris must only contain strings';
  if (FORBIDDEN.test(uri)) return `redirect_uris must not contain control characters, whitespace, line separators or "*" (got ${shown(uri)})`;
  if (uri.includes('#')) return 'redirect_uris must not contain a fragment (#…)';
  const url = URL.parse(uri);
  if (!url) return `redirect_uris contains an invalid URL: ${shown(uri)}`;
  if (url.username || url.password) return 'redirect_uris must not contain credentials';
  if (url.href !== uri) return `redirect_uris must be in canonical form: register ${shown(url.href)} instead of ${shown(uri)}`;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    return isLoopbackRedirect(uri) ? undefined : 'redirect_uris using http must point to a loopback address (127.0.0.1, [::1] or localhost); use https otherwise';
  }
  if (PRIVATE_USE_SCHEME.test(url.protocol)) return undefined;
  return `redirect_uris must use https, http on loopback, or a reverse-domain private-use scheme (got ${url.protocol})`;
}

/**
 * oidc-provider calls extraClientMetadata.validator once per listed custom property; the gateway
 * lists one (software_id, an RFC 7591 field oidc-provider does not itself process) and runs its
 * whole-client rules on that call.
 */
export function gatewayClientMetadata(maxRedirectUris: number) {
  return {
    properties: ['software_id', 'software_version'],
    validator(_ctx: unknown, key: string, value: unknown, metadata: Record<string, unknown>): void {
      if (key === 'software_id' || key === 'software_version') {
        if (value !== undefined && (typeof value !== 'string' || value.length > 200)) {
          throw new errors.InvalidClientMetadata(`${key} must be a string of at most 200 characters`);
        }
      }
      if (key !== 'software_id') return;
      const redirectUris = metadata.redirect_uris;
      if (redirectUris === undefined) return;
      if (!Array.isArray(redirectUris)) throw new errors.InvalidClientMetadata('redirect_uris must be an array');
      if (redirectUris.length > maxRedirectUris) {
        throw new errors.InvalidClientMetadata(`redirect_uris must list at most ${maxRedirectUris} URIs (got ${redirectUris.length})`);
      }
      for (const uri of redirectUris) {
        const problem = checkRedirectUri(uri);
        if (problem) throw new errors.InvalidClientMetadata(problem);
      }
    },
  };
}
