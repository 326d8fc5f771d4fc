/**
 * Comparing a presented secret (password, API key, client secret, CSRF token, admin secret) with the
 * expected one in constant time, so response timing says nothing about how much of it matched.
 */
import { timingSafeEqual } from 'node:crypto';

export function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
