import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/main/security/contentSecurityPolicy';
import { hardenSession, type HardenableSession } from '../../../../electron/main/security/hardenSession';

const ui = 'file:///app/dist/renderer/index.html';

/* eslint-disable @typescript-eslint/no-explicit-any -- a stand-in for Electron's session records its handlers */
function fakeSession() {
  const handlers: Record<string, any> = {};
  const session = {
    setPermissionRequestHandler: (h: any) => (handlers.request = h),
    setPermissionCheckHandler: (h: any) => (handlers.check = h),
    setDevicePermissionHandler: (h: any) => (handlers.device = h),
    webRequest: { onHeadersReceived: (h: any) => (handlers.headers = h) },
  };
  return { session: session as unknown as HardenableSession, handlers };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('hardenSession', () => {
  const { session, handlers } = fakeSession();
  hardenSession(session, { appUrl: ui });

  it('denies permission requests by default, even from the UI', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      handlers.request({}, permission, callback, { requestingUrl: ui });
      expect(callback).toHaveBeenCalledWith(false);
    }
  });
  it('denies permission checks and device access', () => {
    expect(handlers.check(null, 'media', 'file:///', { requestingUrl: ui })).toBe(false);
    expect(handlers.check(null, 'notifications', 'file:///', {})).toBe(false);
    expect(handlers.device({})).toBe(false);
  });
  it('adds the CSP to documents', () => {
    const callback = vi.fn();
    handlers.headers({ resourceType: 'mainFrame', responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});
