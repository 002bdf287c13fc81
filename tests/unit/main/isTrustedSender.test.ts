import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/main/isTrustedSender';
import { APP_URL } from '../../../electron/main/protocol/appScheme';

describe('isTrustedSender with the UI on app://hearth', () => {
  it('trusts the top frame showing the UI document on any hash route', () => {
    expect(isTrustedSender({ url: APP_URL, isMainFrame: true }, APP_URL)).toBe(true);
    expect(isTrustedSender({ url: `${APP_URL}#/quick`, isMainFrame: true }, APP_URL)).toBe(true);
    expect(isTrustedSender({ url: `${APP_URL}#/chat`, isMainFrame: false }, APP_URL)).toBe(false);
  });

  it('refuses another host, document or scheme, though custom-scheme URLs all have the origin "null"', () => {
    for (const url of [
      'app://evil/index.html',
      'app://hearth/other.html',
      'app://hearth/assets/pdf.worker.min.mjs',
      'app://user:pw@hearth/index.html',
      'hearth://original/abc',
      'file:///Applications/Hearth.app/Contents/Resources/app.asar/dist/renderer/index.html',
      'file:///tmp/evil.html',
      'https://hearth/index.html',
      'http://127.0.0.1:5173/',
    ]) {
      expect(isTrustedSender({ url, isMainFrame: true }, APP_URL), url).toBe(false);
    }
  });
});
