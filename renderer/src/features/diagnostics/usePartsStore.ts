import { create } from 'zustand';
import type { HearthApi } from '@shared/hearthApi';
import type { PartStatus } from '@shared/partSchemas';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from '@/store/reportError';

interface PartsState {
  /** Background starts of the core (the living library…); empty until the first list arrives. */
  parts: PartStatus[];
  /** The part whose "Retry now" is under way. */
  retrying: string | null;
  load: (api: HearthApi) => Promise<void>;
  /** Applies one `core.parts.changed` event. */
  upsert: (part: PartStatus) => void;
  /** "Retry now" for a failed start. */
  retry: (name: string) => Promise<void>;
}

export const usePartsStore = create<PartsState>()((set) => ({
  parts: [],
  retrying: null,
  async load(api) {
    const result = await api.core.parts({});
    if (result.ok) set({ parts: result.value });
    else reportError('Could not list the background services', result.error);
  },
  upsert(part) {
    set((state) => {
      const index = state.parts.findIndex((p) => p.name === part.name);
      if (index === -1) return { parts: [...state.parts, part] };
      const parts = state.parts.slice();
      parts[index] = part;
      return { parts };
    });
  },
  async retry(name) {
    const api = connection.current();
    if (!api) {
      reportError('Could not retry', NOT_CONNECTED);
      return;
    }
    set({ retrying: name });
    const result = await api.core['parts.retry']({ name });
    set({ retrying: null });
    if (!result.ok) reportError('Could not retry', result.error);
  },
}));
