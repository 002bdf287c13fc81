import { create } from 'zustand';
import type { HearthApi } from '@shared/hearthApi';
import type { RuntimeStatus } from '@shared/runtimeSchemas';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from '@/store/reportError';

interface RuntimeState {
  /** null until loaded. */
  status: RuntimeStatus | null;
  unloading: boolean;
  load: (api: HearthApi) => Promise<void>;
  /** Applies one `runtime.changed` event. */
  receive: (status: RuntimeStatus) => void;
  unload: () => Promise<void>;
}

export const useRuntimeStore = create<RuntimeState>()((set) => ({
  status: null,
  unloading: false,
  async load(api) {
    const result = await api.runtime.status({});
    if (result.ok) set({ status: result.value });
    else reportError('Could not read the model runtime status', result.error);
  },
  receive(status) {
    set({ status });
  },
  async unload() {
    const api = connection.current();
    if (!api) {
      reportError('Could not unload the model', NOT_CONNECTED);
      return;
    }
    set({ unloading: true });
    const result = await api.runtime.unload({});
    set({ unloading: false });
    if (result.ok) set({ status: result.value });
    else reportError('Could not unload the model', result.error);
  },
}));
