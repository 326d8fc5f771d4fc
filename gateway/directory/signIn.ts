/**
 * Checks a directory user's email and password, with a per-email throttle: after 5 failures the
 * address is locked for 30 s (and the lock doubles on further failures, up to 15 min) so a password
 * cannot be guessed at request speed. The throttle table is bounded; it forgets the oldest entries.
 */
import type { DirectoryStore, DirectoryUser } from '../store/store.ts';
import { verifyPassword } from './passwords.ts';

const FREE_ATTEMPTS = 5;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

export type SignInResult =
  | { readonly ok: true; readonly user: DirectoryUser }
  | { readonly ok: false; readonly reason: 'invalid' | 'locked'; readonly retryAfterSeconds?: number };

export interface SignInService {
  signIn(email: string, password: string): Promise<SignInResult>;
}

export function createSignInService(directory: DirectoryStore, now: () => number = Date.now): SignInService {
  const failures = new Map<string, { count: number; lockedUntil: number }>();

  const recordFailure = (key: string) => {
    const entry = failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= FREE_ATTEMPTS) {
      entry.lockedUntil = now() + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (entry.count - FREE_ATTEMPTS));
    }
    failures.delete(key);
    failures.set(key, entry);
    if (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value as string);
  };

  return {
    async signIn(email, password) {
      const key = email.trim().toLowerCase();
      const entry = failures.get(key);
      if (entry && entry.lockedUntil > now()) {
        return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((entry.lockedUntil - now()) / 1000) };
      }
      const user = key && password ? await directory.findByEmail(key) : undefined;
      if (user && (await verifyPassword(password, user.passwordHash))) {
        failures.delete(key);
        return { ok: true, user };
      }
      recordFailure(key);
      return { ok: false, reason: 'invalid' };
    },
  };
}
