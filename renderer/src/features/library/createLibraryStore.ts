import type { StoreApi, UseBoundStore } from 'zustand';
import { create } from 'zustand';
import type { z } from 'zod';
import type { ErrorData } from '@shared/errors';
import type { HearthApi } from '@shared/hearthApi';
import type {
  LibraryChangedSchema,
  LibraryDocument,
  LibraryDocumentDetailSchema,
  LibraryJob,
  LibraryList,
} from '@shared/librarySchemas';
import { connection } from '@/ipc/client';
import type { DocumentFilters } from './filterDocuments';
import { NO_FILTERS } from './filterDocuments';
import { NOT_CONNECTED, reportError } from '@/store/reportError';
import { useToastStore } from '@/store/useToastStore';

export type DocumentDetail = z.infer<typeof LibraryDocumentDetailSchema>;
type LibraryChange = z.infer<typeof LibraryChangedSchema>;

interface DetailState {
  id: string;
  /** null while loading. */
  data: DocumentDetail | null;
  error: ErrorData | null;
}

interface LibraryState {
  /** null until loaded; its jobs go to the ingest store. */
  list: Omit<LibraryList, 'jobs'> | null;
  loadError: ErrorData | null;
  filters: DocumentFilters;
  /** Documents with a delete in flight. */
  deleting: readonly string[];
  detail: DetailState | null;
  load: (api?: HearthApi) => Promise<void>;
  /** Coalesces bursts of events (one per file) into one reload. */
  scheduleLoad: () => void;
  setFilters: (patch: Partial<DocumentFilters>) => void;
  openDetail: (id: string) => Promise<void>;
  closeDetail: () => void;
  remove: (document: LibraryDocument) => Promise<boolean>;
  receiveChanged: (change: LibraryChange) => void;
}

/** Where the library store hands what belongs to the ingest store; libraryStores wires it (neither imports the other). */
export interface LibraryLinks {
  /** The list came with every ingestion job, as of `requestedAt`. */
  receiveJobs: (jobs: readonly LibraryJob[], requestedAt: number) => void;
  /** These documents were deleted (here or elsewhere). */
  documentsGone: (ids: readonly string[]) => void;
}

export type LibraryStore = UseBoundStore<StoreApi<LibraryState>>;

const RELOAD_DELAY_MS = 150;

/**
 * The library's documents (all of them: the filters apply here, so counts elsewhere stay whole), its blocker and
 * the document open in the detail panel. Kept fresh by `library.changed`.
 */
export function createLibraryStore(links: LibraryLinks): LibraryStore {
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  /** Answers can overtake each other; only the newest request's is kept. */
  let loadSeq = 0;

  return create<LibraryState>()((set, get) => ({
    list: null,
    loadError: null,
    filters: NO_FILTERS,
    deleting: [],
    detail: null,
    async load(api = connection.current() ?? undefined) {
      if (!api) return;
      const seq = ++loadSeq;
      const requestedAt = Date.now();
      const result = await api.library.list({});
      if (seq !== loadSeq) return;
      if (!result.ok) {
        set({ loadError: result.error });
        return;
      }
      const { jobs, ...rest } = result.value;
      set({ list: rest, loadError: null });
      links.receiveJobs(jobs, requestedAt);
    },
    scheduleLoad() {
      if (reloadTimer !== null) return;
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        void get().load();
      }, RELOAD_DELAY_MS);
    },
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
    },
    async openDetail(id) {
      const api = connection.current();
      set({ detail: { id, data: get().detail?.id === id ? (get().detail?.data ?? null) : null, error: null } });
      if (!api) {
        set({ detail: { id, data: null, error: NOT_CONNECTED } });
        return;
      }
      const result = await api.library.get({ id });
      if (get().detail?.id !== id) return;
      // Removed meanwhile (deleted, or a failed file dismissed): nothing left to show.
      if (!result.ok && result.error.code === 'NOT_FOUND') {
        set({ detail: null });
        return;
      }
      set({ detail: result.ok ? { id, data: result.value, error: null } : { id, data: null, error: result.error } });
    },
    closeDetail() {
      set({ detail: null });
    },
    async remove(document) {
      const api = connection.current();
      const title = `Could not delete ${document.name}`;
      if (!api) {
        reportError(title, NOT_CONNECTED);
        return false;
      }
      set({ deleting: [...get().deleting, document.id] });
      const result = await api.library.delete({ id: document.id });
      set({ deleting: get().deleting.filter((id) => id !== document.id) });
      if (!result.ok) {
        reportError(title, result.error);
        return false;
      }
      if (get().detail?.id === document.id) set({ detail: null });
      links.documentsGone([document.id]);
      // Shown at once; the reload that library.changed starts confirms it.
      const list = get().list;
      if (list) set({ list: { ...list, documents: list.documents.filter((d) => d.id !== document.id) } });
      useToastStore.getState().push({ tone: 'success', title: `Deleted ${document.name}` });
      await get().load(api);
      return true;
    },
    receiveChanged(change) {
      get().scheduleLoad();
      if (change.reason === 'deleted') links.documentsGone(change.documentIds);
      const detail = get().detail;
      if (!detail || !change.documentIds.includes(detail.id)) return;
      if (change.reason === 'deleted') set({ detail: null });
      else void get().openDetail(detail.id);
    },
  }));
}
