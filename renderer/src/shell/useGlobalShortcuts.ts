import { useEffect } from 'react';
import { hasModOnly } from '@/lib/platformKeys';
import { conversationHref, NAV_ROUTES } from '@/routing/routes';
import { useConversationsStore } from '@/features/chat/useConversationsStore';
import { useShortcutsStore } from './useShortcutsStore';

const SEARCH_INPUT = '[data-testid="passage-search-input"]';

/** Typing in a field must keep its `?`. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Focuses the element once the screen that holds it has drawn (a route change renders on the next frames). */
function focusWhenShown(selector: string, tries = 30): void {
  const element = document.querySelector<HTMLElement>(selector);
  if (element) {
    element.focus();
    return;
  }
  if (tries > 0)
    requestAnimationFrame(() => {
      focusWhenShown(selector, tries - 1);
    });
}

/** What a ⌘/Ctrl shortcut does, or null when the key is not one of ours. */
function modAction(key: string): (() => void) | null {
  if (key === 'n')
    return () => {
      // From another screen, #/chat alone returns to the conversation left there: ask for a new one first.
      void useConversationsStore.getState().open(null);
      location.hash = conversationHref(null);
      focusWhenShown('[data-testid="chat-input"]');
    };
  if (key === 'k')
    return () => {
      location.hash = '#/library';
      focusWhenShown(SEARCH_INPUT);
    };
  if (key === ',')
    return () => {
      location.hash = '#/settings';
    };
  const index = /^[1-9]$/.test(key) ? Number(key) - 1 : -1;
  const route = NAV_ROUTES[index];
  if (route)
    return () => {
      location.hash = route.href;
    };
  return null;
}

/**
 * App-wide keys: ⌘N new conversation, ⌘K search, ⌘, Settings, ⌘1… the screens in navigation order, `?` the list
 * (Ctrl instead of ⌘ outside macOS). Nothing fires from behind a modal dialog.
 */
export function useGlobalShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      if (hasModOnly(event)) {
        const key = event.key.toLowerCase();
        // On the Library the search box answers ⌘K itself.
        if (key === 'k' && document.querySelector(SEARCH_INPUT)) return;
        const action = modAction(key);
        if (!action) return;
        event.preventDefault();
        action();
        return;
      }
      if (event.key === '?' && !event.metaKey && !event.ctrlKey && !event.altKey && !isTyping(event.target)) {
        event.preventDefault();
        useShortcutsStore.getState().setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [enabled]);
}
