import type { Session } from 'electron';
import { withContentSecurityPolicy } from './contentSecurityPolicy';
import { isPermissionGranted, type PermissionPolicyOptions } from './isPermissionGranted';

/** The parts of a session the hardening touches (a fake in unit tests). */
export type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'
>;

/**
 * Session-wide policy: permission requests and checks denied unless `isPermissionGranted` allows them, no device
 * (HID, serial, USB) access, and Hearth's CSP on every document response.
 */
export function hardenSession(session: HardenableSession, options: PermissionPolicyOptions): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl }, options));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin }, options),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details) });
  });
}
