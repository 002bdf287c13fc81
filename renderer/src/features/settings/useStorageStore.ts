import { create } from 'zustand';
import type { StorageStatus } from '@shared/storageSchemas';
import { connection } from '@/ipc/client';
import { reportError } from '@/store/reportError';

interface StorageState {
  /** null until loaded; asked for by the Settings screen (measuring disk use is not free). */
  status: StorageStatus | null;
  loading: boolean;
  /** Waits for a connection if there is none yet. */
  load: () => Promise<void>;
}

export const useStorageStore = create<StorageState>()((set) => ({
  status: null,
  loading: false,
  async load() {
    set({ loading: true });
    const api = await connection.get();
    const result = await api.storage.status({});
    set({ loading: false });
    if (result.ok) set({ status: result.value });
    else reportError('Could not read storage status', result.error);
  },
}));
