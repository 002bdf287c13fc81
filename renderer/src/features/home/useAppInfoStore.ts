import { create } from 'zustand';
import type { HearthApi } from '@shared/hearthApi';
import type { AppInfo } from '@shared/schemas';
import { reportError } from '@/store/reportError';

interface AppInfoState {
  info: AppInfo | null;
  load: (api: HearthApi) => Promise<void>;
}

export const useAppInfoStore = create<AppInfoState>()((set) => ({
  info: null,
  async load(api) {
    const result = await api.app.info({});
    if (result.ok) set({ info: result.value });
    else reportError('Could not load app information', result.error);
  },
}));
