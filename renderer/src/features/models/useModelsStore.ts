import { create } from 'zustand';
import type { HearthApi } from '@shared/hearthApi';
import type { ModelList } from '@shared/runtimeSchemas';
import { connection } from '@/ipc/client';
import { createBusyRequest } from '@/store/createBusyRequest';
import { reportError } from '@/store/reportError';
import { useToastStore } from '@/store/useToastStore';

export type ModelRole = 'chat' | 'embedding';

interface ModelsState {
  /** null until loaded. */
  list: ModelList | null;
  /** Ids with a delete or default change in flight. */
  busy: readonly string[];
  load: (api?: HearthApi) => Promise<void>;
  /** Applies one `models.changed` event (a change made from any window or browser). */
  receive: (list: ModelList) => void;
  setDefault: (role: ModelRole, id: string) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
}

/** Read on connect, then kept current by `models.changed`, whichever client made the change. */
export const useModelsStore = create<ModelsState>()((set, get) => {
  const request = createBusyRequest({ get, set });

  return {
    list: null,
    busy: [],
    async load(api = connection.current() ?? undefined) {
      if (!api) return;
      const result = await api.models.list({});
      if (result.ok) set({ list: result.value });
      else reportError('Could not list models', result.error);
    },
    receive(list) {
      set({ list });
    },
    async setDefault(role, id) {
      const title = role === 'chat' ? 'Could not set the chat model' : 'Could not set the embedding model';
      const result = await request(id, title, (api) => api.models.setDefault({ role, id }));
      if (!result.ok) return false;
      const list = get().list;
      if (list) set({ list: { ...list, defaults: result.value } });
      return true;
    },
    async remove(id) {
      const name = get().list?.models.find((m) => m.id === id)?.displayName ?? id;
      const result = await request(id, 'Could not delete the model', (api) => api.models.delete({ id }));
      if (!result.ok) return false;
      useToastStore.getState().push({ tone: 'success', title: `Deleted ${name}` });
      await get().load();
      return true;
    },
  };
});
