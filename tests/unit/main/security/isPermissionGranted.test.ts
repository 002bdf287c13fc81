import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALLOWED_PERMISSIONS,
  isPermissionGranted,
} from '../../../../electron/main/security/isPermissionGranted';

const ui = 'file:///app/dist/renderer/index.html';

describe('isPermissionGranted', () => {
  it('allows nothing by default', () => {
    expect(DEFAULT_ALLOWED_PERMISSIONS).toEqual([]);
  });
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])(
    'denies %s to Hearth’s own UI by default',
    (permission) => {
      expect(isPermissionGranted({ permission, requestingUrl: `${ui}#/chat` }, { appUrl: ui })).toBe(false);
    },
  );
  it('grants an allow-listed permission to the UI only', () => {
    const options = { appUrl: ui, allowed: ['clipboard-sanitized-write'] };
    expect(isPermissionGranted({ permission: 'clipboard-sanitized-write', requestingUrl: ui }, options)).toBe(true);
    expect(
      isPermissionGranted({ permission: 'clipboard-sanitized-write', requestingUrl: 'https://example.com/' }, options),
    ).toBe(false);
    expect(isPermissionGranted({ permission: 'clipboard-sanitized-write', requestingUrl: '' }, options)).toBe(false);
    expect(isPermissionGranted({ permission: 'media', requestingUrl: ui }, options)).toBe(false);
  });
});
