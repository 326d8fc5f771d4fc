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
