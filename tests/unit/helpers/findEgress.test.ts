import { describe, expect, it } from 'vitest';
import { findEgress } from '../../helpers/findEgress';

const LOG = [
  '101 connect(20, {sa_family=AF_INET, sin_port=htons(41235), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
  '101 connect(21, {sa_family=AF_INET6, sin6_port=htons(8000), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
  '102 connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT',
  '103 connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = -1 ENETUNREACH',
  '104 connect(22, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("198.51.100.7")}, 16) = -1 ENETUNREACH',
  '105 sendto(9, "x", 1, 0, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = -1',
  '106 connect(4, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0',
  '107 sendmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12}, 0) = 48',
].join('\n');

describe('findEgress over an strace log', () => {
  it('reports every attempt off this machine and every DNS query, and counts loopback traffic', () => {
    const { egress, loopback } = findEgress(LOG);
    expect(egress.map((a) => `${a.pid} ${a.syscall} ${a.address}:${a.port}`)).toEqual([
      '103 connect 10.255.255.53:53',
      '104 connect 198.51.100.7:80',
      '105 sendto 2001:db8::1:443',
      '106 connect 127.0.0.53:53',
    ]);
    expect(loopback).toBe(2);
  });
});
