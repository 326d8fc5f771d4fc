/**
 * Where each account last signed in successfully. A "known device" is the same client IP that
 * succeeded for this account within `rememberMs` — chosen over a device cookie because the sign-in
 * service sees every sign-in path (portal and OAuth login) through the same two inputs, and an IP is
 * what an attacker elsewhere cannot present. Known devices are exempt from the account-wide lock
 * only, never from the per-IP or (account, IP) locks, so an attacker behind the same NAT gains
 * nothing.
 *
 * Kept in the store's failure table (issue 14: a device that signed in through one replica is known
 * to all) as an entry "held until" `rememberMs` after the last success — the sweep deletes an entry
 * only once that has passed, like any lock. Only a correct password writes one, so junk cannot
 * flood it; forgetting a device only means the ordinary checks apply to it.
 */
import type { LimitStore } from '../store/store.ts';

export interface KnownDevices {
  has(account: string, ip: string): Promise<boolean>;
  remember(account: string, ip: string): Promise<void>;
}

export function createKnownDevices(limits: LimitStore, rememberMs: number, now: () => number): KnownDevices {
  const keyOf = (account: string, ip: string) => `known-device\n${account}\n${ip}`;
  return {
    async has(account, ip) {
      const entry = await limits.failures(keyOf(account, ip));
      return entry !== undefined && entry.lockedUntil > now();
    },
    async remember(account, ip) {
      const key = keyOf(account, ip);
      // A fresh entry each time, so the remembered period runs from this success.
      await limits.clearFailures(key);
      await limits.recordFailure(key, now(), () => rememberMs);
    },
  };
}
