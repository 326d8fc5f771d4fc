/**
 * The address a limit or throttle counts a request under (issue 14): an IPv4 address as it is, an
 * IPv6 address by its /64 network. One IPv6 subscriber or LAN gets a whole /64 and can rotate
 * through 2^64 addresses (privacy addresses do so by themselves), so counting single IPv6
 * addresses would let one attacker write a fresh row to the store's limit tables per request and
 * never reach a limit; a /64 is what one IPv4 address is. IPv4-mapped IPv6 (`::ffff:192.0.2.1`, as
 * a dual-stack socket reports IPv4 peers) counts as the IPv4 address. Anything that is not an IP
 * address is returned unchanged.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** One written group of an IPv6 address as numbers: an embedded IPv4 tail (::ffff:192.0.2.1) is two. */
const numbersOf = (group: string): number[] => {
  if (!isIPv4(group)) return [parseInt(group, 16)];
  const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
};

/** The 8 groups of a valid IPv6 address without a zone, "::" expanded. */
function groupsOf(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const written = (text: string) => (text ? text.split(':').flatMap(numbersOf) : []);
  const [left, right] = [written(head), written(tail ?? '')];
  return tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

export function limitAddress(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const groups = groupsOf(ip.split('%')[0]!);
  const mappedV4 = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mappedV4) return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}
