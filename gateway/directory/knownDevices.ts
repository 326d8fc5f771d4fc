/**
 * Where each account last signed in successfully. A "known device" is the same client IP that
 * succeeded for this account within `rememberMs` — chosen over a device cookie because the sign-in
 * service sees every sign-in path (portal and OAuth login) through the same two inputs, and an IP is
 * what an attacker elsewhere cannot present. Known devices are exempt from the account-wide lock
 * only, never from the per-IP or (account, IP) locks, so an attacker behind the same NAT gains
 * nothing. Bounded: a few IPs per account, the least recently used accounts dropped first
 * (forgetting a device only means the ordinary checks apply to it).
 */
export interface KnownDevices {
  has(account: string, ip: string): boolean;
  remember(account: string, ip: string): void;
}

const IPS_PER_ACCOUNT = 5;

export function createKnownDevices(maxAccounts: number, rememberMs: number, now: () => number): KnownDevices {
  const byAccount = new Map<string, Map<string, number>>();
  return {
    has(account, ip) {
      const seenAt = byAccount.get(account)?.get(ip);
      return seenAt !== undefined && now() - seenAt < rememberMs;
    },
    remember(account, ip) {
      const ips = byAccount.get(account) ?? new Map<string, number>();
      ips.delete(ip);
      ips.set(ip, now());
      if (ips.size > IPS_PER_ACCOUNT) ips.delete(ips.keys().next().value as string);
      byAccount.delete(account);
      byAccount.set(account, ips);
      if (byAccount.size > maxAccounts) byAccount.delete(byAccount.keys().next().value as string);
    },
  };
}
