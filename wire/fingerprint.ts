/**
 * Keyed fingerprints of secrets: `fp:` + the first 22 base64url characters of HMAC-SHA256 under a
 * random key made once per fingerprinter and never exported. Equal secrets give equal prints, so a
 * record (a mock client's traffic, a mock upstream's requests, the harness proxy's exchanges) can
 * show "the refresh token changed" or "this bearer reached the upstream" while holding no secret;
 * without the key a print cannot be checked against guesses. One scheme for every recorder.
 */
import { createHmac, randomBytes } from 'node:crypto';

export type Fingerprint = (secret: string) => string;

export const FINGERPRINT_PREFIX = 'fp:';

/** `onSecret` (leak tests only) learns every secret the recorder hid, to grep artifacts for it. */
export function createFingerprinter(onSecret?: (secret: string) => void): Fingerprint {
  const key = randomBytes(32);
  return (secret) => {
    if (secret !== '') onSecret?.(secret);
    return FINGERPRINT_PREFIX + createHmac('sha256', key).update(secret).digest('base64url').slice(0, 22);
  };
}
