/**
 * Keyed fingerprints of secrets: `fp:` + the first 22 base64url characters of HMAC-SHA256 under a
 * random key made once per Fingerprinter and never exported. Equal secrets give equal prints, so
 * recordings can show "the refresh token changed" while holding no token; without the key a print
 * cannot be checked against guesses.
 */
import { createHmac, randomBytes } from 'node:crypto';

export type Fingerprint = (secret: string) => string;

export const FINGERPRINT_PREFIX = 'fp:';

export function createFingerprinter(onSecret?: (secret: string) => void): Fingerprint {
  const key = randomBytes(32);
  return (secret) => {
    // A leak test (options.onSecret) learns every secret the recording hid, to grep artifacts for it.
    if (secret !== '') onSecret?.(secret);
    return FINGERPRINT_PREFIX + createHmac('sha256', key).update(secret).digest('base64url').slice(0, 22);
  };
}
