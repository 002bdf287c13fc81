import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isTrustedSender } from '../../../electron/main/isTrustedSender';
import { mainWindowOptions } from '../../../electron/main/windowOptions';

// Type-only import above is erased; this test never loads `electron` at run time.
describe('mainWindowOptions', () => {
  const prefs = mainWindowOptions({ preloadPath: '/app/preload.cjs' }).webPreferences!;
  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets %s to %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });
  it('loads the bundled preload', () => {
    expect(prefs.preload).toBe('/app/preload.cjs');
  });
});

describe('isTrustedSender', () => {
  const ui = 'file:///Applications/Hearth.app/Contents/Resources/app.asar/dist/renderer/index.html';
  it('trusts only the top frame showing Hearth’s UI', () => {
    expect(isTrustedSender({ url: `${ui}#/settings`, isMainFrame: true }, ui)).toBe(true);
    expect(isTrustedSender({ url: ui, isMainFrame: false }, ui)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', isMainFrame: true }, ui)).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', isMainFrame: true }, ui)).toBe(false);
    expect(isTrustedSender(null, ui)).toBe(false);
    expect(isTrustedSender({ url: 'not a url', isMainFrame: true }, ui)).toBe(false);
  });
  it('compares origins for an http UI (dev server)', () => {
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/#/x', isMainFrame: true }, 'http://127.0.0.1:5173/')).toBe(
      true,
    );
    expect(isTrustedSender({ url: 'http://127.0.0.1:5174/', isMainFrame: true }, 'http://127.0.0.1:5173/')).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  const ui = 'file:///app/dist/renderer/index.html';
  it('allows hash routes of the UI only', () => {
    expect(isAllowedNavigation(`${ui}#/diagnostics`, ui)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', ui)).toBe(false);
    expect(isAllowedNavigation('https://example.com', ui)).toBe(false);
  });
});
