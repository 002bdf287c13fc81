import { create } from 'zustand';
import type { HearthApi } from '@shared/hearthApi';
import type { ChildStatus } from '@shared/schemas';
import { reportError } from '@/store/reportError';

interface SupervisorState {
  /** null until the first list arrives. */
  children: ChildStatus[] | null;
  load: (api: HearthApi) => Promise<void>;
  /** Applies one `supervisor.status` event. */
  upsert: (child: ChildStatus) => void;
}

export const useSupervisorStore = create<SupervisorState>()((set) => ({
  children: null,
  async load(api) {
    const result = await api.supervisor.list({});
    if (result.ok) set({ children: result.value });
    else reportError('Could not list background services', result.error);
  },
  upsert(child) {
    set((state) => {
      const children = state.children ?? [];
      const index = children.findIndex((c) => c.name === child.name);
      if (index === -1) return { children: [...children, child] };
      const next = children.slice();
      next[index] = child;
      return { children: next };
    });
  },
}));
