import { DEFAULT_QUICK_PROMPT_SHORTCUT, parseAccelerator } from './parseAccelerator';

/** The part of Electron's `globalShortcut` this needs (a fake in unit tests). */
export interface GlobalShortcuts {
  register(accelerator: string, callback: () => void): boolean;
}

/** What happened to the quick prompt's shortcut: main.ts logs it and the renderer can show it. */
export interface ShortcutRegistration {
  /** The shortcut asked for, canonically spelled when it parsed. */
  accelerator: string;
  /** Whether pressing it now opens the quick prompt. */
  registered: boolean;
  /** Why not, in words for the user. */
  reason?: string;
}

/**
 * Registers the quick prompt's global shortcut. `register` returns false when another app (or macOS itself) holds
 * the shortcut; that is reported, not thrown, so Hearth still starts and the user can pick another.
 */
export function registerQuickPromptShortcut(
  shortcuts: GlobalShortcuts,
  onPressed: () => void,
  accelerator: string = DEFAULT_QUICK_PROMPT_SHORTCUT,
): ShortcutRegistration {
  const parsed = parseAccelerator(accelerator);
  if (!parsed.ok) return { accelerator, registered: false, reason: parsed.reason };
  try {
    if (shortcuts.register(parsed.accelerator, onPressed)) return { accelerator: parsed.accelerator, registered: true };
  } catch (error) {
    return {
      accelerator: parsed.accelerator,
      registered: false,
      reason: `${parsed.accelerator} could not be registered: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return {
    accelerator: parsed.accelerator,
    registered: false,
    reason: `${parsed.accelerator} is already used by another app or by macOS. Choose another shortcut for the quick prompt.`,
  };
}
