import { create } from 'zustand';
import type { HearthApi } from '../../../electron/shared/hearthApi';
import type { AppInfo } from '../../../electron/shared/schemas';
import { reportError } from './reportError';

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
