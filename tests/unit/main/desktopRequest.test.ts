import { describe, expect, it } from 'vitest';
import { parseDesktopRequest } from '../../../electron/main/desktopRequest';

describe('parseDesktopRequest', () => {
  it("accepts the quick prompt's requests and Show in Finder", () => {
    expect(parseDesktopRequest({ action: 'hide-quick-prompt' })).toEqual({ action: 'hide-quick-prompt' });
    expect(parseDesktopRequest({ action: 'show-quick-prompt' })).toEqual({ action: 'show-quick-prompt' });
    expect(parseDesktopRequest({ action: 'open-in-main', hash: '#/chat/3f2a-b1' })).toEqual({
      action: 'open-in-main',
      hash: '#/chat/3f2a-b1',
    });
    expect(
      parseDesktopRequest({ action: 'reveal-original', documentId: '0b6c2f1e-77aa-4d3c-9e1f-2a3b4c5d6e7f' }),
    ).toEqual({ action: 'reveal-original', documentId: '0b6c2f1e-77aa-4d3c-9e1f-2a3b4c5d6e7f' });
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
      { action: 'reveal-original' },
      { action: 'reveal-original', documentId: '../../etc/passwd' },
      { action: 'reveal-original', documentId: '/Users/me/secret.pdf' },
      { action: 'reveal-original', documentId: 42 },
    ]) {
      expect(parseDesktopRequest(bad)).toBeNull();
    }
  });
});
