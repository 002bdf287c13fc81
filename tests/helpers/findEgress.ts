/** One outbound connection attempt seen in an strace log. */
export interface EgressAttempt {
  pid: number;
  syscall: string;
  address: string;
  port: number;
}

const CALL = /^(\d+)\s+(connect|sendto|sendmsg)\((.*)$/;
const INET = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/;
const INET6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\),.*?inet_pton\(AF_INET6, "([^"]+)"/;

function isLoopback(address: string): boolean {
  if (address === '::1' || address === '::' || address === '0.0.0.0') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d+\.\d+\.\d+$/.test(v4);
}

/**
 * Every connect/sendto/sendmsg to an IPv4 or IPv6 address off this machine in an `strace -f` log, and every DNS query
 * (port 53, wherever the resolver is: a name looked up is a name about to be reached). Unix and netlink sockets are
 * local by nature and ignored; loopback attempts are counted, so a test can tell that the log saw the traffic.
 */
export function findEgress(log: string): { egress: EgressAttempt[]; loopback: number } {
  const found: EgressAttempt[] = [];
  let loopback = 0;
  for (const line of log.split('\n')) {
    const call = CALL.exec(line);
    if (!call) continue;
    const inet = INET.exec(call[3]!) ?? INET6.exec(call[3]!);
    if (!inet) continue;
    const port = Number(inet[1]);
    const address = inet[2]!;
    if (isLoopback(address) && port !== 53) loopback++;
    else found.push({ pid: Number(call[1]), syscall: call[2]!, address, port });
  }
  return { egress: found, loopback };
}
