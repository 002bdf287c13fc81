import { expect, it } from 'vitest';
import { isPublicAddress } from '../../../../electron/core/runtime/models/isPublicAddress';

it('accepts only globally routable unicast addresses, IPv4 and IPv6', () => {
  for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
    expect(isPublicAddress(address), address).toBe(true);
  }
  const refused = [
    ...['10.1.2.3', '172.16.0.1', '192.168.1.1'], // private
    ...['127.0.0.1', '127.8.8.8', '::1'], // loopback
    ...['169.254.169.254', 'fe80::1'], // link-local (cloud metadata included)
    ...['fc00::1', 'fd12:3456::1'], // unique-local
    '100.64.0.1', // carrier-grade NAT
    ...['224.0.0.1', 'ff02::1'], // multicast
    ...['0.0.0.0', '::', '255.255.255.255'], // unspecified, broadcast
    ...['::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254'], // IPv4-mapped forms of the above
    ...['64:ff9b::a00:1', '2002:a00:1::1'], // NAT64 and 6to4 forms that carry an IPv4 address
    ...['192.0.2.1', '2001:db8::1'], // documentation
    ...['', 'localhost', 'not an address', '999.1.1.1'],
  ];
  for (const address of refused) expect(isPublicAddress(address), address).toBe(false);
});
