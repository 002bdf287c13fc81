import { hostname, networkInterfaces } from 'node:os';
import { isLoopbackHost } from './isLoopbackAddress';
import { isAllowedOrigin } from './originCheck';

/** Options for the names the server answers to. */
export interface ServedNamesOptions {
  /** The bind address. */
  host: string;
  /** The port it listens on. */
  port: number;
  /** Whether it speaks https (a browser omits :443 from Host, as it omits :80 for http). */
  tls: boolean;
  /** Further names it is reached by (a DNS name, a reverse proxy's name). */
  names?: readonly string[];
}

const bracket = (name: string) => (name.includes(':') && !name.startsWith('[') ? `[${name}]` : name);

/**
 * The names a browser may reach this server by: the bind address, the loopback names for a loopback bind, every
 * address and the host name of this computer for a wildcard bind, and the configured names. A self-signed
 * certificate names these.
 */
export function servedNames(options: Omit<ServedNamesOptions, 'port' | 'tls'>): string[] {
  const names = new Set<string>([options.host, ...(options.names ?? [])]);
  if (isLoopbackHost(options.host)) for (const name of ['localhost', '127.0.0.1', '::1']) names.add(name);
  if (options.host === '0.0.0.0' || options.host === '::') {
    for (const name of ['localhost', '127.0.0.1', '::1', hostname()]) names.add(name);
    for (const info of Object.values(networkInterfaces()).flat()) if (info) names.add(info.address);
  }
  return [...names].map((name) => name.toLowerCase());
}

/**
 * Every `Host` header a browser may send to reach this server: each served name with the port. Anything else is a
 * request meant for another server, or a DNS-rebinding page. A configured name is also served without a port: a
 * reverse proxy or Ingress in front serves it on the default port and passes its Host on.
 */
export function servedHosts(options: ServedNamesOptions): Set<string> {
  const hosts = new Set<string>();
  const defaultPort = options.tls ? 443 : 80;
  for (const name of servedNames(options)) {
    const host = bracket(name);
    hosts.add(`${host}:${options.port}`);
    if (options.port === defaultPort) hosts.add(host);
  }
  for (const name of options.names ?? []) hosts.add(bracket(name.toLowerCase()));
  return hosts;
}

/** A refusal: the HTTP status and what the person reads. */
export interface Refusal {
  status: number;
  code: 'PERMISSION_DENIED';
  message: string;
}

const refuse = (status: number, message: string): Refusal => ({ status, code: 'PERMISSION_DENIED', message });

/**
 * The checks every request passes before any route: its Host must be one this server answers to (421 otherwise), and
 * a browser's `Sec-Fetch-Site` must say the request comes from Hearth's own page for `/api/*` (`none`, a typed or
 * pasted address, is also fine for the sign-in link). Browsers too old to send `Sec-Fetch-Site` still meet the Origin
 * and SameSite cookie checks of each route.
 */
export function checkRequest(
  request: { url: string; headers: Record<string, string | string[] | undefined> },
  hosts: ReadonlySet<string>,
): Refusal | null {
  const host = request.headers.host;
  if (typeof host !== 'string' || !hosts.has(host.toLowerCase())) {
    return refuse(421, 'This Hearth server does not answer to that address. Open the link Hearth printed.');
  }
  const site = request.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin') return null;
  const path = request.url.split('?')[0] ?? '';
  if (path === '/' && site === 'none') return null;
  return refuse(403, 'Hearth refuses requests that come from another site.');
}

/**
 * For routes a browser reaches without an `Origin` header (a GET from Hearth's page sends none): the request must
 * still prove it comes from Hearth's page, by a same-origin `Origin` or `Sec-Fetch-Site: same-origin`.
 */
export function provesSameOrigin(headers: Record<string, string | string[] | undefined>): boolean {
  const origin = headers.origin;
  if (typeof origin === 'string') return isAllowedOrigin(origin, headers.host as string | undefined);
  return headers['sec-fetch-site'] === 'same-origin';
}
