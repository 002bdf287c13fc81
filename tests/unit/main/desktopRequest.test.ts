import { describe, expect, it } from 'vitest';
import { parseDesktopRequest } from '../../../electron/main/desktopRequest';

describe('parseDesktopRequest', () => {
  it('accepts the two requests the quick prompt makes', () => {
    expect(parseDesktopRequest({ action: 'hide-quick-prompt' })).toEqual({ action: 'hide-quick-prompt' });
    expect(parseDesktopRequest({ action: 'show-quick-prompt' })).toEqual({ action: 'show-quick-prompt' });
    expect(parseDesktopRequest({ action: 'open-in-main', hash: '#/chat/3f2a-b1' })).toEqual({
      action: 'open-in-main',
      hash: '#/chat/3f2a-b1',
    });
  });

  it('refuses anything else, including hashes that could navigate away or inject', () => {
    for (const bad of [
      null,
      'hide-quick-prompt',
      { action: 'quit' },
      { action: 'open-in-main' },
      { action: 'open-in-main', hash: 'https://evil.example/' },
      { action: 'open-in-main', hash: '#/chat/"><script>' },
      { action: 'open-in-main', hash: '#/../../etc' },
    ]) {
      expect(parseDesktopRequest(bad)).toBeNull();
    }
  });
});
