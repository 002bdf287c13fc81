import { create } from 'zustand';
import type { HearthApi } from '@shared/hearthApi';
import type { Settings, SettingsPatch } from '@shared/settings';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from '@/store/reportError';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

interface SettingsState {
  /** null until loaded. */
  settings: Settings | null;
  saveStatus: SaveStatus;
  load: (api: HearthApi) => Promise<void>;
  /** Applies one `settings.changed` event. */
  receive: (settings: Settings) => void;
  /** Saves a patch; the screen shows it at once and rolls back if the core refuses. Resolves true when saved. */
  update: (patch: SettingsPatch) => Promise<boolean>;
  reset: () => Promise<boolean>;
}

function applyPatch(settings: Settings, patch: SettingsPatch): Settings {
  return {
    ...settings,
    appearance: { ...settings.appearance, ...patch.appearance },
    inference: { ...settings.inference, ...patch.inference },
    library: { ...settings.library, ...patch.library },
    answers: { ...settings.answers, ...patch.answers },
    server: { ...settings.server, ...patch.server },
    privacy: { ...settings.privacy, ...patch.privacy },
    fallback: { ...settings.fallback, ...patch.fallback },
    storage: { ...settings.storage, ...patch.storage },
  };
}

let inFlight = 0;

export const useSettingsStore = create<SettingsState>()((set, get) => {
  /** Runs one write; the status reads "Saving…" while any write is pending. */
  const write = async (
    title: string,
    send: (api: HearthApi) => ReturnType<HearthApi['settings']['update']>,
  ): Promise<boolean> => {
    const api = connection.current();
    if (!api) {
      reportError(title, NOT_CONNECTED);
      return false;
    }
    inFlight += 1;
    set({ saveStatus: 'saving' });
    const result = await send(api);
    inFlight -= 1;
    if (result.ok) {
      set({
        settings: result.value,
        ...(inFlight === 0 && get().saveStatus !== 'failed' ? { saveStatus: 'saved' } : {}),
      });
      return true;
    }
    set({ saveStatus: 'failed' });
    reportError(title, result.error);
    // Roll back the optimistic change to what the core holds.
    await get().load(api);
    return false;
  };

  return {
    settings: null,
    saveStatus: 'idle',
    async load(api) {
      const result = await api.settings.get({});
      if (result.ok) set({ settings: result.value });
      else reportError('Could not load settings', result.error);
    },
    receive(settings) {
      set({ settings });
    },
    update(patch) {
      const current = get().settings;
      if (current) set({ settings: applyPatch(current, patch), saveStatus: 'saving' });
      return write('Could not save the setting', (api) => api.settings.update(patch));
    },
    reset() {
      return write('Could not reset settings', (api) => api.settings.reset({}));
    },
  };
});
