import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import { addressRefused, publicOnlyLookup, type AddressCheck } from './publicOnlyLookup';
import { isPublicAddress } from './isPublicAddress';

/** Options for one GET. */
export interface RequestUrlOptions {
  headers: Record<string, string>;
  signal: AbortSignal;
  /** 'public': only globally routable addresses, checked on the addresses connected to; 'any': no check. */
  addresses: 'any' | 'public';
  /** How 'public' is checked; the real resolver and ranges by default. */
  check?: AddressCheck;
}

/** Statuses whose response may not have a body (the Response constructor refuses one). */
const NULL_BODY = new Set([204, 205, 304]);

/**
 * One GET over node:http(s), returned as a fetch Response and never following redirects (the caller checks each
 * hop). Unlike global fetch it takes a `lookup`, so the address rule holds for the socket itself; each request gets
 * its own connection (`agent: false`), so no pooled socket opened under another rule is reused.
 */
export function requestUrl(url: URL, options: RequestUrlOptions): Promise<Response> {
  const publicOnly = options.addresses === 'public';
  // An address literal is connected to without any lookup, so it is judged here.
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const isPublic = options.check?.isPublic ?? isPublicAddress;
  if (publicOnly && isIP(literal) !== 0 && !isPublic(literal)) return Promise.reject(addressRefused());
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        headers: options.headers,
        signal: options.signal,
        agent: false,
        ...(publicOnly ? { lookup: publicOnlyLookup(options.check) } : {}),
      },
      (res: IncomingMessage) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (Array.isArray(value)) for (const v of value) headers.append(name, v);
          else if (value !== undefined) headers.set(name, value);
        }
        const status = res.statusCode ?? 502;
        if (NULL_BODY.has(status) || status < 200 || status > 599) {
          res.destroy();
          resolve(new Response(null, { status: status < 200 || status > 599 ? 502 : status, headers }));
          return;
        }
        resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, { status, headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
