/**
 * Checks a directory user's email and password (portal and OAuth login alike), throttled so a
 * password cannot be guessed at request speed and so nobody can lock another person out (issue 11):
 *
 * - (account, IP): 5 free failures, then a lock of 30 s doubling to 15 min. An attacker's failures
 *   lock the attacker's own address for that account, not the real user's.
 * - per IP: 20 free failures across all accounts, same back-off — one address cannot spray
 *   passwords or flood junk e-mails.
 * - per account: 50 free failures from anywhere (a distributed guess), same back-off, and it does
 *   not apply to a known device: an IP that signed in to this account before (knownDevices.ts).
 *
 * Locks are never forgotten to make room (failureThrottle.ts); when a table is full of live locks a
 * new attempt is refused rather than left uncounted. A wrong password costs one scrypt run whether
 * the account exists or not (a dummy hash for unknown e-mails), so timing does not reveal accounts.
 */
import { randomBytes } from 'node:crypto';
import type { DirectoryStore, DirectoryUser } from '../store/store.ts';
import { createFailureThrottle, type ThrottleRule } from './failureThrottle.ts';
import { createKnownDevices } from './knownDevices.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const BACK_OFF = { baseLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 15 * 60_000 } as const;
const PAIR_RULE: ThrottleRule = { freeAttempts: 5, ...BACK_OFF };
const IP_RULE: ThrottleRule = { freeAttempts: 20, ...BACK_OFF };
const ACCOUNT_RULE: ThrottleRule = { freeAttempts: 50, ...BACK_OFF };
const KNOWN_DEVICE_MS = 30 * 24 * 3600_000;
/** What a refused attempt is told when the tables are full of live locks. */
const BUSY_RETRY_SECONDS = 60;

export type SignInResult =
  | { readonly ok: true; readonly user: DirectoryUser }
  | { readonly ok: false; readonly reason: 'invalid' | 'locked'; readonly retryAfterSeconds?: number };

export interface SignInService {
  /** `ip` is the client address as the gateway sees it (ctx.ip; X-Forwarded-For only with trustProxy). */
  signIn(email: string, password: string, ip: string): Promise<SignInResult>;
}

export interface SignInOptions {
  readonly now?: () => number;
  /** Entries per throttle table (and accounts remembered with their devices). */
  readonly maxTracked?: number;
  /** The password check; tests count its calls (constant-time failure). */
  readonly verify?: (password: string, encoded: string) => Promise<boolean>;
}

export function createSignInService(directory: DirectoryStore, options: SignInOptions = {}): SignInService {
  const { now = Date.now, maxTracked = 10_000, verify = verifyPassword } = options;
  const byPair = createFailureThrottle(PAIR_RULE, maxTracked, now);
  const byIp = createFailureThrottle(IP_RULE, maxTracked, now);
  const byAccount = createFailureThrottle(ACCOUNT_RULE, maxTracked, now);
  const devices = createKnownDevices(maxTracked, KNOWN_DEVICE_MS, now);
  // Same scrypt parameters as real hashes, so an unknown e-mail costs what a wrong password does.
  const dummyHash = hashPassword(randomBytes(16).toString('base64url'));
  const locked = (ms: number): SignInResult => ({ ok: false, reason: 'locked', retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) });

  return {
    async signIn(email, password, ip) {
      const account = email.trim().toLowerCase();
      const pair = `${account}\n${ip}`;
      const known = devices.has(account, ip);
      const wait = Math.max(byIp.lockedFor(ip), byPair.lockedFor(pair), known ? 0 : byAccount.lockedFor(account));
      if (wait > 0) return locked(wait);
      if (!byIp.canTrack(ip) || !byPair.canTrack(pair) || !byAccount.canTrack(account)) return locked(BUSY_RETRY_SECONDS * 1000);

      const user = account ? await directory.findByEmail(account) : undefined;
      const matches = await verify(password, user?.passwordHash ?? (await dummyHash));
      if (user && matches) {
        byPair.clear(pair);
        devices.remember(account, ip);
        return { ok: true, user };
      }
      byIp.fail(ip);
      byPair.fail(pair);
      byAccount.fail(account);
      return { ok: false, reason: 'invalid' };
    },
  };
}
