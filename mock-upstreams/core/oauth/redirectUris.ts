/**
 * Redirect URI matching: exact string comparison against the registration, except that a loopback
 * http redirect matches on any port (RFC 8252 §7.3). A client registered with `any-loopback` (the
 * default pre-registered app when no redirect URIs are configured) accepts every loopback http URL,
 * which is how the gateway's callback on a test's free port gets through.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type RedirectPolicy = readonly string[] | 'any-loopback';

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export function redirectAllowed(policy: RedirectPolicy, candidate: string): boolean {
  const url = parse(candidate);
  if (!url || url.hash !== '') return false;
  if (policy === 'any-loopback') return isLoopbackHttp(url);
  return policy.some((registered) => {
    if (registered === candidate) return true;
    const reg = parse(registered);
    if (!reg || !isLoopbackHttp(reg) || !isLoopbackHttp(url)) return false;
    return reg.hostname === url.hostname && reg.pathname === url.pathname && reg.search === url.search;
  });
}

/** A redirect URI a client may register: https anywhere, or http on loopback; no fragment. */
export function registrableRedirect(uri: string): boolean {
  const url = parse(uri);
  if (!url || url.hash !== '') return false;
  return url.protocol === 'https:' || isLoopbackHttp(url);
}

export function withQuery(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}
