import { describe, expect, it } from 'vitest';
import {
  EXTERNAL_LINK_BUTTONS,
  externalLinkConfirmation,
} from '../../../../electron/main/security/externalLinkConfirmation';

describe('externalLinkConfirmation', () => {
  const prompt = externalLinkConfirmation('https://docs.example.com/a/very/long/path?q=1');
  it('names the host in the question and shows the whole URL', () => {
    expect(prompt.message).toBe('Open docs.example.com in your browser?');
    expect(prompt.detail).toBe('https://docs.example.com/a/very/long/path?q=1');
  });
  it('defaults to Cancel, so Return or Esc never opens the link', () => {
    expect(prompt.buttons).toEqual([...EXTERNAL_LINK_BUTTONS]);
    expect(prompt.buttons?.[prompt.defaultId ?? -1]).toBe('Cancel');
    expect(prompt.buttons?.[prompt.cancelId ?? -1]).toBe('Cancel');
  });
});
