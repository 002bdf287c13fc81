import { connection } from '../ipc/client';
import { useAppInfoStore } from './useAppInfoStore';
import { useConnectionStore } from './useConnectionStore';
import { useModelsStore } from './useModelsStore';
import { useNoticesStore } from './useNoticesStore';
import { useRuntimeStore } from './useRuntimeStore';
import { useSecretsStore } from './useSecretsStore';
import { useSettingsStore } from './useSettingsStore';
import { useSupervisorStore } from './useSupervisorStore';

/**
 * Wires the stores to the core: loads everything on every (re)connect and keeps it fresh from events.
 * Returns the function that unwires it.
 */
export function bindStores(): () => void {
  const offState = connection.onState((state) => {
    useConnectionStore.setState({ state });
  });
  useConnectionStore.setState({ state: connection.getState() });

  const offApi = connection.onApi((api) => {
    const unsubscribe = [
      api.on('settings.changed', (settings) => {
        useSettingsStore.getState().receive(settings);
      }),
      api.on('secrets.changed', () => void useSecretsStore.getState().refresh(api)),
      api.on('supervisor.status', (child) => {
        useSupervisorStore.getState().upsert(child);
      }),
      api.on('core.notice', (notice) => {
        useNoticesStore.getState().add(notice);
      }),
      api.on('runtime.changed', (status) => {
        useRuntimeStore.getState().receive(status);
      }),
    ];
    void useAppInfoStore.getState().load(api);
    void useSettingsStore.getState().load(api);
    void useSecretsStore.getState().refresh(api);
    void useSupervisorStore.getState().load(api);
    void useModelsStore.getState().load(api);
    void useRuntimeStore.getState().load(api);
    return () => {
      for (const off of unsubscribe) off();
    };
  });

  return () => {
    offApi();
    offState();
  };
}
