import { useEffect, useRef, useSyncExternalStore } from 'react';
import { connection } from '@/ipc/client';
import { replaceHash } from '@/routing/replaceHash';
import { conversationHref, conversationIdFromHash } from '@/routing/routes';
import { useConversationsStore } from './useConversationsStore';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
};

/**
 * The address names the conversation on screen (`#/chat/<id>`); this opens it, loads the list, and keeps both fresh
 * from `conversations.changed` for as long as the Chat screen is shown (after a reconnect too). Coming back to
 * `#/chat` from another screen returns to the conversation left there; `#/chat` once here starts a new one.
 */
export function useConversationRoute(): void {
  const id = useSyncExternalStore(subscribe, () => conversationIdFromHash(location.hash));
  const arrived = useRef(true);
  useEffect(() => {
    // A stale run (the hash moved on since this render, e.g. replaced just below): the next render handles it.
    if (conversationIdFromHash(location.hash) !== id) return;
    const store = useConversationsStore.getState();
    const returning = arrived.current && id === null && store.activeId !== null;
    arrived.current = false;
    if (returning && store.activeId) replaceHash(conversationHref(store.activeId));
    else void store.open(id);
  }, [id]);
  useEffect(
    () =>
      connection.onApi((api) => {
        const store = useConversationsStore.getState();
        void store.loadList(api);
        return api.on('conversations.changed', (change) => {
          useConversationsStore.getState().receiveChanged(change);
        });
      }),
    [],
  );
}
