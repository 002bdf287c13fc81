import type { IngestStore } from './createIngestStore';
import { createIngestStore } from './createIngestStore';
import type { LibraryStore } from './createLibraryStore';
import { createLibraryStore } from './createLibraryStore';

export interface LibraryStores {
  useLibraryStore: LibraryStore;
  useIngestStore: IngestStore;
}

/**
 * The library and ingest stores, wired to each other here so that neither imports the other: the list's jobs and
 * deletions reach the ingest panel; batches starting, ending or seen for the first time reload the list, and its
 * blocker stops files before they are uploaded.
 */
export function createLibraryStores(): LibraryStores {
  const stores: LibraryStores = {
    useLibraryStore: createLibraryStore({
      receiveJobs: (jobs, requestedAt) => {
        stores.useIngestStore.getState().receiveJobs(jobs, requestedAt);
      },
      documentsGone: (ids) => {
        stores.useIngestStore.getState().forgetDocuments(ids);
      },
    }),
    useIngestStore: createIngestStore({
      reloadLibrary: () => {
        stores.useLibraryStore.getState().scheduleLoad();
      },
      blocker: () => stores.useLibraryStore.getState().list?.blocker ?? null,
    }),
  };
  return stores;
}

export const { useLibraryStore, useIngestStore } = createLibraryStores();
