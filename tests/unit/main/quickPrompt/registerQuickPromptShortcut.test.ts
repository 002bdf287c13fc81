import { describe, expect, it, vi } from 'vitest';
import { registerQuickPromptShortcut } from '../../../../electron/main/quickPrompt/registerQuickPromptShortcut';

describe('registerQuickPromptShortcut', () => {
  it('registers ⌥Space by default and calls back when pressed', () => {
    let pressed: (() => void) | undefined;
    const shortcuts = {
      register: vi.fn((_accelerator: string, callback: () => void) => {
        pressed = callback;
        return true;
      }),
    };
    const onPressed = vi.fn();
    expect(registerQuickPromptShortcut(shortcuts, onPressed)).toEqual({ accelerator: 'Alt+Space', registered: true });
    expect(shortcuts.register).toHaveBeenCalledWith('Alt+Space', onPressed);
    pressed?.();
    expect(onPressed).toHaveBeenCalledOnce();
  });
  it('registers the configured shortcut in canonical spelling', () => {
    const shortcuts = { register: vi.fn(() => true) };
    expect(registerQuickPromptShortcut(shortcuts, () => undefined, 'cmd+shift+space')).toEqual({
      accelerator: 'Command+Shift+Space',
      registered: true,
    });
  });
  it('reports a shortcut another app holds instead of failing', () => {
    const result = registerQuickPromptShortcut({ register: () => false }, () => undefined);
    expect(result).toMatchObject({ accelerator: 'Alt+Space', registered: false });
    expect(result.reason).toMatch(/already used by another app/);
  });
  it('reports an invalid shortcut without calling register', () => {
    const shortcuts = { register: vi.fn(() => true) };
    const result = registerQuickPromptShortcut(shortcuts, () => undefined, 'Banana');
    expect(result).toMatchObject({ accelerator: 'Banana', registered: false });
    expect(result.reason).toBeTruthy();
    expect(shortcuts.register).not.toHaveBeenCalled();
  });
  it('reports a register that throws', () => {
    const shortcuts = {
      register: () => {
        throw new Error('conversion failure');
      },
    };
    const result = registerQuickPromptShortcut(shortcuts, () => undefined);
    expect(result).toMatchObject({ registered: false });
    expect(result.reason).toContain('conversion failure');
  });
});
