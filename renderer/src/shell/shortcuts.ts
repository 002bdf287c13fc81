import { NAV_ROUTES } from '@/routing/routes';
import { shortcutLabel } from '@/lib/platformKeys';

export interface ShortcutEntry {
  /** The keys as this system writes them. */
  keys: string;
  action: string;
}

/** The app's keyboard shortcuts, as the `?` list shows them (⌘ on macOS, Ctrl elsewhere). */
export function shortcutList(enterSends: boolean): ShortcutEntry[] {
  return [
    { keys: shortcutLabel('N'), action: 'New conversation' },
    { keys: shortcutLabel('K'), action: 'Search your documents' },
    { keys: shortcutLabel(','), action: 'Settings' },
    ...NAV_ROUTES.map((route, index) => ({
      keys: shortcutLabel(String(index + 1)),
      action: `Go to ${route.label}`,
    })),
    enterSends
      ? { keys: 'Enter', action: 'Send the message (Shift+Enter adds a line)' }
      : { keys: shortcutLabel('Enter'), action: 'Send the message (Enter adds a line)' },
    { keys: 'Esc', action: 'Stop the answer being written; close a dialog' },
    { keys: '?', action: 'Show this list' },
  ];
}
