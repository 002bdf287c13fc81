import { create } from 'zustand';
import type { HearthApi } from '@shared/hearthApi';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from '@/store/reportError';

type Backend = 'keychain' | 'file';

interface SecretsState {
  /** Names only: values go in through `save` and never come back. null until loaded. */
  names: string[] | null;
  backend: Backend | null;
  warning: string | null;
  refresh: (api?: HearthApi) => Promise<void>;
  /** Stores a value under a name; resolves true when the core confirmed it. The value is not kept here. */
  save: (name: string, value: string) => Promise<boolean>;
  remove: (name: string) => Promise<boolean>;
}

export const useSecretsStore = create<SecretsState>()((set, get) => ({
  names: null,
  backend: null,
  warning: null,
  async refresh(api = connection.current() ?? undefined) {
    if (!api) return;
    const result = await api.secrets.list({});
    if (result.ok) {
      const { names, backend, warning } = result.value;
      set({ names: [...names].sort(), backend, warning });
    } else reportError('Could not list stored keys', result.error);
  },
  async save(name, value) {
    const api = connection.current();
    if (!api) {
      reportError('Could not save the key', NOT_CONNECTED);
      return false;
    }
    const result = await api.secrets.set({ name, value });
    if (!result.ok) {
      reportError('Could not save the key', result.error);
      return false;
    }
    const names = get().names ?? [];
    if (!names.includes(name)) set({ names: [...names, name].sort() });
    return true;
  },
  async remove(name) {
    const api = connection.current();
    if (!api) {
      reportError('Could not delete the key', NOT_CONNECTED);
      return false;
    }
    const result = await api.secrets.delete({ name });
    if (!result.ok) {
      reportError('Could not delete the key', result.error);
      return false;
    }
    set({ names: (get().names ?? []).filter((n) => n !== name) });
    return true;
  },
}));
