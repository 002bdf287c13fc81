import { create } from 'zustand';
import type { ErrorData } from '@shared/errors';
import type { HearthApi } from '@shared/hearthApi';
import type {
  Collection,
  LibraryStorage,
  ReembedProgressItem,
  ReembedStateInfo,
  WatchedFolder,
} from '@shared/livingLibrarySchemas';
import type { Result } from '@shared/result';
import { connection } from '@/ipc/client';
import { createBusyRequest } from '@/store/createBusyRequest';
import { NOT_CONNECTED, reportError } from '@/store/reportError';
import { useLibraryStore } from './libraryStores';
import { useToastStore } from '@/store/useToastStore';

interface LivingLibraryState {
  collections: readonly Collection[] | null;
  folders: readonly WatchedFolder[] | null;
  reembed: ReembedStateInfo | null;
  /** The newest progress of a running re-embed (from the event, whoever started it). */
  reembedProgress: ReembedProgressItem | null;
  storage: LibraryStorage | null;
  loadError: ErrorData | null;
  /** Names (collections) or ids (folders) with an action in flight. */
  busy: readonly string[];
  load: (api?: HearthApi) => Promise<void>;
  scheduleLoad: () => void;
  receiveFolders: (folders: readonly WatchedFolder[]) => void;
  receiveReembedProgress: (item: ReembedProgressItem) => void;
  createCollection: (name: string) => Promise<boolean>;
  renameCollection: (name: string, to: string) => Promise<boolean>;
  deleteCollection: (name: string, deleteDocuments: boolean) => Promise<boolean>;
  move: (documentIds: string[], collection: string | null) => Promise<boolean>;
  /** Resolves with the error (to show in place) or null. */
  addFolder: (path: string, collection: string | null) => Promise<ErrorData | null>;
  pauseFolder: (folder: WatchedFolder) => Promise<void>;
  resumeFolder: (folder: WatchedFolder) => Promise<void>;
  removeFolder: (folder: WatchedFolder, deleteDocuments: boolean) => Promise<void>;
  startReembed: () => Promise<void>;
  cancelReembed: () => Promise<void>;
  erase: (collection: string | null) => Promise<boolean>;
}

const RELOAD_DELAY_MS = 200;
let reloadTimer: ReturnType<typeof setTimeout> | null = null;

const request = createBusyRequest({
  get: () => useLivingLibraryStore.getState(),
  set: (patch) => {
    useLivingLibraryStore.setState(patch);
  },
});

/** Runs one action with its key marked busy; a failure becomes a toast. Resolves with its value, or null if it failed. */
async function act<T>(key: string, title: string, run: (api: HearthApi) => Promise<Result<T>>): Promise<T | null> {
  const result = await request(key, title, run);
  if (!result.ok) return null;
  void useLivingLibraryStore.getState().load();
  useLibraryStore.getState().scheduleLoad();
  return result.value;
}

const toast = (title: string) => {
  useToastStore.getState().push({ tone: 'success', title });
};

/** Collections, watched folders, the re-embed state and what the library takes on disk. */
export const useLivingLibraryStore = create<LivingLibraryState>()((set, get) => ({
  collections: null,
  folders: null,
  reembed: null,
  reembedProgress: null,
  storage: null,
  loadError: null,
  busy: [],
  async load(api = connection.current() ?? undefined) {
    if (!api) return;
    const [collections, folders, reembed, storage] = await Promise.all([
      api.library['collections.list']({}),
      api.library['watch.list']({}),
      api.library['reembed.status']({}),
      api.library.storage({}),
    ]);
    const failed = [collections, folders, reembed, storage].find((r) => !r.ok);
    set({
      ...(collections.ok ? { collections: collections.value.collections } : {}),
      ...(folders.ok ? { folders: folders.value.folders } : {}),
      ...(reembed.ok ? { reembed: reembed.value } : {}),
      ...(storage.ok ? { storage: storage.value } : {}),
      loadError: failed && !failed.ok ? failed.error : null,
    });
  },
  scheduleLoad() {
    if (reloadTimer !== null) return;
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void get().load();
    }, RELOAD_DELAY_MS);
  },
  receiveFolders(folders) {
    set({ folders });
  },
  receiveReembedProgress(item) {
    set({ reembedProgress: item });
    if (item.done >= item.total) get().scheduleLoad();
  },
  async createCollection(name) {
    const done = await act(name, `Could not create ${name}`, (api) => api.library['collections.create']({ name }));
    if (done) toast(`Created ${name}`);
    return done !== null;
  },
  async renameCollection(name, to) {
    const done = await act(name, `Could not rename ${name}`, (api) => api.library['collections.rename']({ name, to }));
    if (done) toast(`Renamed ${name} to ${to}`);
    return done !== null;
  },
  async deleteCollection(name, deleteDocuments) {
    const done = await act(name, `Could not delete ${name}`, (api) =>
      api.library['collections.delete']({ name, deleteDocuments }),
    );
    if (done) toast(deleteDocuments ? `Deleted ${name} and its documents` : `Deleted ${name}`);
    return done !== null;
  },
  async move(documentIds, collection) {
    const done = await act('move', 'Could not move the document', (api) =>
      api.library.move({ documentIds, collection }),
    );
    if (done) toast(collection ? `Moved to ${collection}` : 'Taken out of its collection');
    return done !== null;
  },
  async addFolder(path, collection) {
    const api = connection.current();
    if (!api) return NOT_CONNECTED;
    const result = await api.library['watch.add']({ path, ...(collection ? { collection } : {}) });
    if (!result.ok) return result.error;
    toast(`Watching ${result.value.path}`);
    void get().load(api);
    return null;
  },
  async pauseFolder(folder) {
    await act(folder.id, `Could not pause ${folder.path}`, (api) => api.library['watch.pause']({ id: folder.id }));
  },
  async resumeFolder(folder) {
    await act(folder.id, `Could not resume ${folder.path}`, (api) => api.library['watch.resume']({ id: folder.id }));
  },
  async removeFolder(folder, deleteDocuments) {
    const done = await act(folder.id, `Could not stop watching ${folder.path}`, (api) =>
      api.library['watch.remove']({ id: folder.id, deleteDocuments }),
    );
    if (done) toast(`Stopped watching ${folder.path}`);
  },
  async startReembed() {
    const api = connection.current();
    if (!api) {
      reportError('Could not re-embed', NOT_CONNECTED);
      return;
    }
    const handle = api.library.reembed({}, (item) => {
      get().receiveReembedProgress(item);
    });
    const result = await handle.done;
    if (!result.ok) {
      if (result.error.code !== 'CANCELLED') reportError('Re-embedding stopped', result.error);
    } else {
      set({ reembed: result.value, reembedProgress: null });
      if (result.value.run?.status === 'complete') toast('Re-embedding finished; search uses the new index');
    }
    void get().load(api);
  },
  async cancelReembed() {
    await act('reembed', 'Could not stop re-embedding', (api) => api.library['reembed.cancel']({}));
  },
  async erase(collection) {
    const done = await act(
      collection ?? 'erase',
      collection ? `Could not erase ${collection}` : 'Could not erase',
      (api) => api.library.erase({ ...(collection ? { collection } : {}), confirm: true }),
    );
    if (done) toast(`Erased ${String(done.documents)} ${done.documents === 1 ? 'document' : 'documents'}`);
    return done !== null;
  },
}));
