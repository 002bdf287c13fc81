import { connection } from '@/ipc/client';
import { useAppInfoStore } from '@/features/home/useAppInfoStore';
import { useConnectionStore } from './useConnectionStore';
import { useLivingLibraryStore } from '@/features/library/useLivingLibraryStore';
import { useModelsStore } from '@/features/models/useModelsStore';
import { useNoticesStore } from '@/features/diagnostics/useNoticesStore';
import { usePartsStore } from '@/features/diagnostics/usePartsStore';
import { useRuntimeStore } from '@/features/models/useRuntimeStore';
import { useSecretsStore } from '@/features/settings/useSecretsStore';
import { useSettingsStore } from '@/features/settings/useSettingsStore';
import { useSupervisorStore } from '@/features/diagnostics/useSupervisorStore';
import { useIngestStore, useLibraryStore } from '@/features/library/libraryStores';

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
      api.on('core.parts.changed', (part) => {
        usePartsStore.getState().upsert(part);
      }),
      api.on('core.notice', (notice) => {
        useNoticesStore.getState().add(notice);
      }),
      api.on('runtime.changed', (status) => {
        useRuntimeStore.getState().receive(status);
      }),
      api.on('models.changed', (list) => {
        useModelsStore.getState().receive(list);
      }),
      // The one source of live ingestion progress: every client sees every batch, after a reload too.
      api.on('library.progress', (event) => {
        useIngestStore.getState().receiveProgress(event);
      }),
      api.on('library.changed', (change) => {
        useLibraryStore.getState().receiveChanged(change);
        useLivingLibraryStore.getState().scheduleLoad();
      }),
      api.on('library.watch.changed', ({ folders }) => {
        useLivingLibraryStore.getState().receiveFolders(folders);
      }),
      api.on('library.reembed.progress', (item) => {
        useLivingLibraryStore.getState().receiveReembedProgress(item);
      }),
    ];
    void useAppInfoStore.getState().load(api);
    void useSettingsStore.getState().load(api);
    void useSecretsStore.getState().refresh(api);
    void useSupervisorStore.getState().load(api);
    void usePartsStore.getState().load(api);
    void useModelsStore.getState().load(api);
    void useRuntimeStore.getState().load(api);
    void useLibraryStore.getState().load(api);
    void useLivingLibraryStore.getState().load(api);
    return () => {
      for (const off of unsubscribe) off();
    };
  });

  // Whether documents can be indexed depends on the embedding models: reload the library views when they change.
  const offModels = useModelsStore.subscribe((state, previous) => {
    if (state.list === previous.list) return;
    useLibraryStore.getState().scheduleLoad();
    useLivingLibraryStore.getState().scheduleLoad();
  });

  return () => {
    offModels();
    offApi();
    offState();
  };
}
