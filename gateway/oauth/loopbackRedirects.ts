/**
 * AUTH-12 / RFC 8252 §7.3: a redirect URI must match a registered one exactly, except that a
 * loopback redirect (http://127.0.0.1, http://[::1], http://localhost) matches on any port. Claude
 * Code registers http://localhost/callback and listens on an ephemeral port; the MCP SDK does the
 * same. oidc-provider allows the port wildcard only for `application_type: native`; MCP clients
 * register as `web`, so the rule is applied to every client here.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isLoopbackRedirect(uri: string): boolean {
  const url = URL.parse(uri);
  return url !== null && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

function withoutPort(uri: string): string | undefined {
  const url = URL.parse(uri);
  if (!url || !isLoopbackRedirect(uri)) return undefined;
  url.port = '';
  return url.href;
}

/** Exact match, or loopback with only the port differing. */
export function redirectUriMatches(requested: string, registered: readonly string[]): boolean {
  if (registered.includes(requested)) return true;
  const requestedWithoutPort = withoutPort(requested);
  return requestedWithoutPort !== undefined && registered.some((uri) => withoutPort(uri) === requestedWithoutPort);
}

interface ClientPrototype {
  redirectUris: string[];
  redirectUriAllowed(value: string): boolean;
}

/** Installs the rule on oidc-provider's Client model (its documented extension point). */
export function installLoopbackRedirectRule(Client: { prototype: unknown }): void {
  const prototype = Client.prototype as ClientPrototype;
  prototype.redirectUriAllowed = function redirectUriAllowed(this: ClientPrototype, value: string): boolean {
    return redirectUriMatches(value, this.redirectUris);
  };
}
