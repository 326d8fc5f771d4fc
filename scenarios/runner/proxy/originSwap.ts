/**
 * The proxies stand in for real origins (the gateway's, and an authorization server's on another
 * host): text passing through has each real origin swapped for its proxy's, and back. An origin is
 * swapped only where it is a whole origin — `http://127.0.0.1:300` must not match inside
 * `http://127.0.0.1:3001`, nor `http://localhost` inside `http://localhost:8080` — in plain and in
 * percent-encoded form (query strings, form bodies).
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What may not follow an origin for it to be the whole origin: more host or port characters. */
const NOT_MORE_AUTHORITY = '(?![\\w.-]|:\\d|%3A\\d)';

export type OriginPairs = ReadonlyMap<string, string>;

function pattern(froms: readonly string[]): RegExp | undefined {
  const alternatives = froms
    .flatMap((origin) => [origin, encodeURIComponent(origin)])
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  return alternatives.length ? new RegExp(`(?:${alternatives.join('|')})${NOT_MORE_AUTHORITY}`, 'gi') : undefined;
}

/** Swaps every `from` origin of `pairs` for its `to` origin in `text`. */
export function swapOrigins(text: string, pairs: OriginPairs): string {
  const byLower = new Map<string, string>();
  for (const [from, to] of pairs) {
    byLower.set(from.toLowerCase(), to);
    byLower.set(encodeURIComponent(from).toLowerCase(), encodeURIComponent(to));
  }
  const regex = pattern([...pairs.keys()]);
  return regex ? text.replace(regex, (found) => byLower.get(found.toLowerCase()) ?? found) : text;
}

/** The same pairs the other way round. */
export const reversed = (pairs: OriginPairs): Map<string, string> => new Map([...pairs].map(([from, to]) => [to, from]));

/**
 * A redirect within the observed origins goes through their proxies; a redirect to a third party
 * keeps its embedded URLs (a vendor's authorize URL carries the gateway's own callback, which the
 * vendor checks), except the RFC 9207 `iss` of an authorization response: the client compares it
 * with the issuer it was shown, which is a proxy's.
 */
export function swapLocation(location: string, pairs: OriginPairs): string {
  for (const [from, to] of pairs) if (location === from || location.startsWith(`${from}/`) || location.startsWith(`${from}?`)) return to + location.slice(from.length);
  if (!URL.canParse(location)) return location;
  const url = new URL(location);
  const iss = url.searchParams.get('iss');
  if (iss === null) return location;
  const swapped = swapOrigins(iss, pairs);
  if (swapped === iss) return location;
  url.searchParams.set('iss', swapped);
  return url.toString();
}
