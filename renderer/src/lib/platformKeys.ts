import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** macOS (and iOS) use ⌘ where other systems use Ctrl. */
export const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** The modifier as this system writes it: "⌘" or "Ctrl". */
export const MOD_LABEL = isMac ? '⌘' : 'Ctrl';

/** "⌘N" on macOS, "Ctrl+N" elsewhere (as each system's menus write them). */
export function shortcutLabel(key: string): string {
  return isMac ? `⌘${key}` : `Ctrl+${key}`;
}

/** Whether this system's command modifier (⌘ on macOS, Ctrl elsewhere) is held, and no other. */
export function hasModOnly(event: KeyboardEvent | ReactKeyboardEvent): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const other = isMac ? event.ctrlKey : event.metaKey;
  return mod && !other && !event.altKey && !event.shiftKey;
}
