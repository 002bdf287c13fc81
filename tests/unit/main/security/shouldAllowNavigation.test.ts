import { describe, expect, it } from 'vitest';
import { shouldAllowNavigation } from '../../../../electron/main/security/shouldAllowNavigation';

describe('shouldAllowNavigation', () => {
  const ui = 'file:///Applications/Hearth.app/Contents/Resources/app.asar/dist/renderer/index.html';
  it('allows the UI document itself: a reload or a hash route', () => {
    expect(shouldAllowNavigation(ui, ui)).toBe(true);
    expect(shouldAllowNavigation(`${ui}#/diagnostics`, ui)).toBe(true);
    expect(shouldAllowNavigation(`${ui}#/quick`, `${ui}#/chat`)).toBe(true);
  });
  it('denies other files, web pages, originals and odd schemes', () => {
    expect(shouldAllowNavigation('file:///etc/passwd', ui)).toBe(false);
    expect(shouldAllowNavigation(ui.replace('index.html', 'other.html'), ui)).toBe(false);
    expect(shouldAllowNavigation(`${ui}?x=1`, ui)).toBe(false);
    expect(shouldAllowNavigation('https://example.com/', ui)).toBe(false);
    expect(shouldAllowNavigation('hearth://original/abc', ui)).toBe(false);
    expect(shouldAllowNavigation('javascript:alert(1)', ui)).toBe(false);
    expect(shouldAllowNavigation('data:text/html,<h1>hi</h1>', ui)).toBe(false);
  });
  it('denies anything that is not a URL', () => {
    expect(shouldAllowNavigation('', ui)).toBe(false);
    expect(shouldAllowNavigation('index.html', ui)).toBe(false);
    expect(shouldAllowNavigation(ui, 'not a url')).toBe(false);
  });
});
