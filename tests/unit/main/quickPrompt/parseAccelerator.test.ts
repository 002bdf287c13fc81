import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUICK_PROMPT_SHORTCUT,
  parseAccelerator,
} from '../../../../electron/main/quickPrompt/parseAccelerator';

describe('parseAccelerator', () => {
  it('accepts the default ⌥Space', () => {
    expect(parseAccelerator(DEFAULT_QUICK_PROMPT_SHORTCUT)).toEqual({ ok: true, accelerator: 'Alt+Space' });
  });
  it.each([
    ['cmd+shift+k', 'Command+Shift+K'],
    ['CmdOrCtrl+Space', 'CommandOrControl+Space'],
    ['Option+Space', 'Alt+Space'],
    ['Control+Alt+Plus', 'Control+Alt+Plus'],
    [' Ctrl + / ', 'Control+/'],
    ['Super+F5', 'Super+F5'],
    ['F13', 'F13'],
    ['Shift+num5', 'Shift+num5'],
    ['Alt+pageup', 'Alt+PageUp'],
  ])('reads %s as %s', (text, accelerator) => {
    expect(parseAccelerator(text)).toEqual({ ok: true, accelerator });
  });
  it.each([
    ['', 'not a shortcut'],
    ['Ctrl++', 'not a shortcut'],
    ['Alt+', 'not a shortcut'],
    ['Alt+Shift', 'no key'],
    ['Space', 'needs a modifier'],
    ['K', 'needs a modifier'],
    ['Alt+K+J', 'more than one key'],
    ['Alt+Alt+K', 'twice'],
    ['Alt+Banana', 'not a key'],
    ['K+Alt', 'more than one key'],
  ])('refuses %s (%s)', (text, reason) => {
    const parsed = parseAccelerator(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});
