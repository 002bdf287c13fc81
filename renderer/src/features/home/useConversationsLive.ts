import { useEffect } from 'react';
import { connection } from '@/ipc/client';
import { useConversationsStore } from '@/features/chat/useConversationsStore';

/** Loads the conversation list and keeps it current while Home is shown (the "Ask" step reads it). */
export function useConversationsLive(): void {
  useEffect(
    () =>
      connection.onApi((api) => {
        void useConversationsStore.getState().loadList(api);
        return api.on('conversations.changed', (change) => {
          useConversationsStore.getState().receiveChanged(change);
        });
      }),
    [],
  );
}
