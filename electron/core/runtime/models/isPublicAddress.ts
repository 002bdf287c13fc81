import ipaddr from 'ipaddr.js';

/**
 * True only for a globally routable unicast address. Everything else is refused: private (10/8, 172.16/12,
 * 192.168/16), loopback, link-local, unique-local (fc00::/7), carrier-grade NAT (100.64/10), multicast, broadcast,
 * unspecified, reserved and documentation ranges, and IPv6 forms that carry an IPv4 address (IPv4-mapped is judged
 * as the IPv4 inside it; 6to4, Teredo and NAT64 are refused outright). The ranges are ipaddr.js's, not hand-written.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns ::ffff:a.b.c.d into a.b.c.d, so a mapped loopback is loopback.
  return ipaddr.process(address).range() === 'unicast';
}
