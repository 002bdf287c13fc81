import { describe, expect, it } from 'vitest';
import { APP_URL } from '../../../../electron/main/protocol/appScheme';
import { isPermissionGranted } from '../../../../electron/main/security/isPermissionGranted';
import { shouldAllowNavigation } from '../../../../electron/main/security/shouldAllowNavigation';

describe('navigation and permissions with the UI on app://hearth', () => {
  it('allows only the UI document itself, on any hash route', () => {
    expect(shouldAllowNavigation(`${APP_URL}#/library`, APP_URL)).toBe(true);
    for (const url of [
      'app://hearth/assets/index.js',
      'app://evil/index.html',
      'file:///Applications/Hearth.app/Contents/Resources/app.asar/dist/renderer/index.html',
      'hearth://original/abc',
    ]) {
      expect(shouldAllowNavigation(url, APP_URL), url).toBe(false);
    }
  });

  it('grants an allowed permission to the UI only, not to a file: page', () => {
    const options = { appUrl: APP_URL, allowed: ['clipboard-sanitized-write'] };
    const ask = (requestingUrl: string) =>
      isPermissionGranted({ permission: 'clipboard-sanitized-write', requestingUrl }, options);
    expect(ask(`${APP_URL}#/chat`)).toBe(true);
    expect(ask('file:///tmp/evil.html')).toBe(false);
    expect(ask('app://evil/index.html')).toBe(false);
  });
});
