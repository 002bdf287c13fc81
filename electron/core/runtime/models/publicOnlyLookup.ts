import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { HearthError } from '../../../shared/errors';
import { isPublicAddress } from './isPublicAddress';

/** The one refusal a caller off this computer sees: no address, no hop, no status. */
export function addressRefused(): HearthError {
  return new HearthError(
    'PERMISSION_DENIED',
    'Hearth downloads models for a browser on another computer only from public internet addresses.',
  );
}

/** A resolver with dns.lookup's callback shape that always answers with every address (`all: true`). */
export type ResolveAll = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** How a download's addresses are checked; the defaults are the real ones, tests replace them. */
export interface AddressCheck {
  /** Resolves a host name; dns.lookup by default (tests answer a private address for a made-up name). */
  resolve?: ResolveAll;
  /** Which addresses count as public; isPublicAddress by default (tests let a loopback alias stand for the internet). */
  isPublic?: (address: string) => boolean;
}

/**
 * A `lookup` for http(s).request that resolves the host and refuses it unless every address is public. The socket
 * connects to the very addresses checked here, so a DNS answer that changes between a check and the connection (DNS
 * rebinding) cannot reach this computer or its network.
 */
export function publicOnlyLookup(check: AddressCheck = {}): LookupFunction {
  const resolve = check.resolve ?? (dnsLookup as ResolveAll);
  const isPublic = check.isPublic ?? isPublicAddress;
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      if (addresses.length === 0 || !addresses.every((a) => isPublic(a.address))) {
        return callback(addressRefused() as unknown as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}
