import type { Protocol } from 'electron';
import { HEARTH_SCHEME } from '../../shared/originalUrl';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './appScheme';

/**
 * Declares Hearth's schemes privileged, in the one call Electron allows, before `ready`: `app:` serves the UI
 * (appScheme.ts), `hearth:` the originals. For `hearth:`, `standard` + `secure` give
 * `hearth://original/<id>` an origin and treat it like https; `supportFetchAPI` and `stream` let the viewer fetch
 * and stream originals.
 */
export function registerHearthScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES },
    {
      scheme: HEARTH_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
    },
  ]);
}
