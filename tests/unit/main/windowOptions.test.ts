import { describe, expect, it } from 'vitest';
import { isTrustedSender, senderFrameOf } from '../../../electron/main/isTrustedSender';
import {
  mainWindowOptions,
  QUICK_PROMPT_SIZE,
  quickPromptWindowOptions,
  WINDOW_KINDS,
  windowOptions,
} from '../../../electron/main/windowOptions';

// Type-only imports are erased; this test never loads `electron` at run time.
describe('windowOptions: the security rules hold for every window Hearth creates', () => {
  const rules = [
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
  ] as const;
  const cases = WINDOW_KINDS.flatMap((kind) => rules.map(([key, value]) => [kind, key, value] as const));

  it('covers both kinds of window', () => {
    expect([...WINDOW_KINDS].sort()).toEqual(['main', 'quickPrompt']);
  });
  it.each(cases)('%s window sets %s to %s', (kind, key, value) => {
    const prefs = windowOptions(kind, { preloadPath: '/app/preload.cjs' }).webPreferences;
    expect(prefs?.[key]).toBe(value);
  });
  it.each(WINDOW_KINDS)('%s window loads the bundled preload and starts hidden', (kind) => {
    const options = windowOptions(kind, { preloadPath: '/app/preload.cjs' });
    expect(options.webPreferences?.preload).toBe('/app/preload.cjs');
    expect(options.show).toBe(false);
  });
  it('gives each kind a fresh preferences object, so changing one window cannot weaken another', () => {
    const a = windowOptions('main', { preloadPath: '/p' }).webPreferences;
    const b = windowOptions('quickPrompt', { preloadPath: '/p' }).webPreferences;
    expect(a).not.toBe(b);
  });
});

describe('main window', () => {
  it('uses restored bounds when given, defaults otherwise', () => {
    expect(mainWindowOptions({ preloadPath: '/p' })).toMatchObject({ width: 1180, height: 780 });
    const restored = mainWindowOptions({ preloadPath: '/p', bounds: { x: 10, y: 20, width: 900, height: 700 } });
    expect(restored).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
  });
});

describe('quick-prompt window', () => {
  const options = quickPromptWindowOptions({ preloadPath: '/p' });
  it('is a small frameless panel that floats and stays out of the Dock, taskbar and Mission Control', () => {
    expect(options).toMatchObject({
      width: QUICK_PROMPT_SIZE.width,
      height: QUICK_PROMPT_SIZE.height,
      frame: false,
      resizable: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      hiddenInMissionControl: true,
      fullscreenable: false,
      show: false,
    });
    expect(QUICK_PROMPT_SIZE.width).toBeLessThanOrEqual(720);
  });
  it('is what windowOptions("quickPrompt") returns', () => {
    expect(windowOptions('quickPrompt', { preloadPath: '/p' })).toEqual(options);
  });
});

describe('isTrustedSender', () => {
  const ui = 'file:///Applications/Hearth.app/Contents/Resources/app.asar/dist/renderer/index.html';
  it('trusts only the top frame showing Hearth’s UI, on any route (the quick prompt too)', () => {
    expect(isTrustedSender({ url: `${ui}#/settings`, isMainFrame: true }, ui)).toBe(true);
    expect(isTrustedSender({ url: `${ui}#/quick`, isMainFrame: true }, ui)).toBe(true);
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
  it("reads an IPC event's sender: a frame with a parent is an iframe, a vanished frame is null", () => {
    const ui = 'file:///dist/renderer/index.html';
    expect(senderFrameOf({ senderFrame: { url: ui, parent: null } })).toEqual({ url: ui, isMainFrame: true });
    expect(senderFrameOf({ senderFrame: { url: ui, parent: {} } })).toEqual({ url: ui, isMainFrame: false });
    expect(senderFrameOf({ senderFrame: null })).toBeNull();
  });
});
