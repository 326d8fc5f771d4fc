/**
 * Checks a directory user's email and password (portal and OAuth login alike), throttled so a
 * password cannot be guessed at request speed and so nobody can lock another person out (issue 11):
 *
 * - (account, IP): 5 free failures, then a lock of 30 s doubling to 15 min. An attacker's failures
 *   lock the attacker's own address for that account, not the real user's.
 * - per IP: 20 free failures across all accounts, same back-off — one address cannot spray
 *   passwords or flood junk e-mails. An IPv6 address counts by its /64, here and in the pair.
 * - per account: 50 free failures from anywhere (a distributed guess), same back-off, and it does
 *   not apply to a known device: an IP that signed in to this account before (knownDevices.ts).
 *
 * The counters are in the store (issue 14): a lock earned through one replica holds on all of them.
 * Locks are never forgotten to make room (failureThrottle.ts); the tables are bounded by the sweep
 * (`SIGN_IN_FORGET_MS` after a key's last failure, once unlocked), and the per-IP lock bounds what
 * one address can write: about 25 failures per 15 minutes (20 free, then 30 s doubling), each at
 * most one account row and one pair row. A wrong password costs one scrypt run whether the account
 * exists or not (a dummy hash for unknown e-mails), so timing does not reveal accounts.
 */
import { randomBytes } from 'node:crypto';
import type { DirectoryStore, DirectoryUser, LimitStore } from '../store/store.ts';
import { limitAddress } from '../http/limitAddress.ts';
import { createFailureThrottle, type ThrottleRule } from './failureThrottle.ts';
import { createKnownDevices } from './knownDevices.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** How long a key's failures are remembered once it is unlocked; the sweep uses it too. */
export const SIGN_IN_FORGET_MS = 15 * 60_000;
const BACK_OFF = { baseLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: SIGN_IN_FORGET_MS } as const;
const PAIR_RULE: ThrottleRule = { freeAttempts: 5, ...BACK_OFF };
const IP_RULE: ThrottleRule = { freeAttempts: 20, ...BACK_OFF };
const ACCOUNT_RULE: ThrottleRule = { freeAttempts: 50, ...BACK_OFF };
const KNOWN_DEVICE_MS = 30 * 24 * 3600_000;

export type SignInResult =
  | { readonly ok: true; readonly user: DirectoryUser }
  | { readonly ok: false; readonly reason: 'invalid' | 'locked'; readonly retryAfterSeconds?: number };

export interface SignInService {
  /** `ip` is the client address as the gateway sees it (ctx.ip; X-Forwarded-For only with trustProxy). */
  signIn(email: string, password: string, ip: string): Promise<SignInResult>;
}

export interface SignInOptions {
  readonly now?: () => number;
  /** The password check; tests count its calls (constant-time failure). */
  readonly verify?: (password: string, encoded: string) => Promise<boolean>;
}

export function createSignInService(directory: DirectoryStore, limits: LimitStore, options: SignInOptions = {}): SignInService {
  const { now = Date.now, verify = verifyPassword } = options;
  const byPair = createFailureThrottle(limits, 'sign-in/pair', PAIR_RULE, now);
  const byIp = createFailureThrottle(limits, 'sign-in/ip', IP_RULE, now);
  const byAccount = createFailureThrottle(limits, 'sign-in/account', ACCOUNT_RULE, now);
  const devices = createKnownDevices(limits, KNOWN_DEVICE_MS, now);
  // Same scrypt parameters as real hashes, so an unknown e-mail costs what a wrong password does.
  const dummyHash = hashPassword(randomBytes(16).toString('base64url'));
  const locked = (ms: number): SignInResult => ({ ok: false, reason: 'locked', retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) });

  return {
    async signIn(email, password, clientIp) {
      const account = email.trim().toLowerCase();
      // An IPv6 client counts by its /64 (http/limitAddress.ts): rotating addresses is not a fresh start.
      const ip = limitAddress(clientIp);
      const pair = `${account}\n${ip}`;
      const [known, ipWait, pairWait, accountWait] = await Promise.all([
        devices.has(account, ip),
        byIp.lockedFor(ip),
        byPair.lockedFor(pair),
        byAccount.lockedFor(account),
      ]);
      const wait = Math.max(ipWait, pairWait, known ? 0 : accountWait);
      if (wait > 0) return locked(wait);

      const user = account ? await directory.findByEmail(account) : undefined;
      const matches = await verify(password, user?.passwordHash ?? (await dummyHash));
      if (user && matches) {
        await Promise.all([byPair.clear(pair), devices.remember(account, ip)]);
        return { ok: true, user };
      }
      await Promise.all([byIp.fail(ip), byPair.fail(pair), byAccount.fail(account)]);
      return { ok: false, reason: 'invalid' };
    },
  };
}
