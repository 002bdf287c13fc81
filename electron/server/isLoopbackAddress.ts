import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback; false for anything else, including an unknown address. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  return isIP(address) === 6 && /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(address);
}

/** True when the bind address only accepts connections from this computer. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}

/** Headers a proxy in front of Hearth adds: the peer Hearth sees is then the proxy, not the browser. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'cf-connecting-ip'];

/**
 * Whether a request comes from a browser on this computer: a loopback peer, asking for a loopback host name, through
 * no proxy that says so. A proxy or tunnel on this computer that adds none of these headers (ssh -L) still looks
 * local; `--no-local-paths` is for those.
 */
export function isLocalRequest(request: {
  remoteAddress: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}): boolean {
  if (!isLoopbackAddress(request.remoteAddress)) return false;
  if (PROXY_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  const host = request.headers.host;
  if (typeof host !== 'string') return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return isLoopbackHost(name.toLowerCase());
}
