import type { Protocol } from 'electron';
import { HEARTH_SCHEME } from './parseOriginalUrl';

/**
 * Declares `hearth:` privileged; Electron accepts this only before `ready`. `standard` + `secure` give
 * `hearth://original/<id>` an origin and treat it like https; `supportFetchAPI` and `stream` let the viewer fetch
 * and stream originals.
 */
export function registerHearthScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: HEARTH_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
    },
  ]);
}
