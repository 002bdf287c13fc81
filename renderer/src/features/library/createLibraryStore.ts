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
import type { DocumentFilters, DocumentOrder } from './filterDocuments';
import { coreFilters, DEFAULT_ORDER, NO_FILTERS } from './filterDocuments';
import { patchDocuments } from './patchDocuments';
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

/** The pages loaded so far (patched by deltas) with the totals, collections and blocker of the latest answer. */
export type LoadedList = Omit<LibraryList, 'jobs'>;

interface LibraryState {
  /** null until loaded; its jobs go to the ingest store. */
  list: LoadedList | null;
  loadError: ErrorData | null;
  filters: DocumentFilters;
  order: DocumentOrder;
  /** A next page is being fetched. */
  loadingMore: boolean;
  /** Documents with a delete in flight. */
  deleting: readonly string[];
  detail: DetailState | null;
  /** The first page again (on connect, and when the filters or order change). */
  load: (api?: HearthApi) => Promise<void>;
  /** The page after the last one loaded; nothing when every page is loaded. */
  loadMore: () => Promise<void>;
  /** Refreshes totals, jobs and blocker (and any changed rows) after a short pause that coalesces bursts. */
  scheduleLoad: () => void;
  setFilters: (patch: Partial<DocumentFilters>) => void;
  setOrder: (order: DocumentOrder) => void;
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
/** Rows per page: a few screens of the table. */
const PAGE_SIZE = 100;
/** Most ids one `library.documents` call takes. */
const DELTA_BATCH = 500;
/** Past this many changed rows, the first page again costs less than re-reading each. */
const DELTA_MAX = 2_000;

/**
 * The library list a page at a time (the core filters, sorts and counts), its blocker and the document open in the
 * detail panel. `library.changed` is applied as a delta: only the changed rows are read again and patched into the
 * loaded pages. Every call to the core runs in turn, so answers apply in the order asked.
 */
export function createLibraryStore(links: LibraryLinks): LibraryStore {
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<void> = Promise.resolve();
  /** Bumped by every load: a page or delta asked for an older list is dropped (the load brings it fresh). */
  let generation = 0;
  /** The last row of the last page loaded (the cursor starts after it); undefined when none or all are loaded. */
  let boundary: LibraryDocument | undefined;
  /** Changed rows not yet read again. */
  const pendingIds = new Set<string>();

  const enqueue = (task: () => Promise<void>): Promise<void> => {
    queue = queue.then(task, task);
    return queue;
  };

  return create<LibraryState>()((set, get) => {
    const query = () => ({ filters: coreFilters(get().filters), ...get().order });

    /** The first page for the filters and order now; runs inside the queue. */
    const firstPage = async (api: HearthApi | undefined, asked: number): Promise<void> => {
      // A newer load is queued behind this one: only it needs to run.
      if (!api || asked !== generation) return;
      const requestedAt = Date.now();
      const result = await api.library.list({ ...query(), limit: PAGE_SIZE });
      if (asked !== generation) return;
      if (!result.ok) {
        set({ loadError: result.error });
        return;
      }
      const { jobs, ...rest } = result.value;
      boundary = rest.items.at(-1);
      // A fresh first page holds every change made before it was read.
      pendingIds.clear();
      set({ list: rest, loadError: null, loadingMore: false });
      links.receiveJobs(jobs, requestedAt);
    };

    /** Re-reads the changed rows (and the totals) and patches them into the loaded pages; runs inside the queue. */
    const flush = async (): Promise<void> => {
      const api = connection.current() ?? undefined;
      const list = get().list;
      // Nothing shown yet, or so much changed that the first page again is cheaper.
      if (!list || pendingIds.size > DELTA_MAX) return firstPage(api, ++generation);
      if (!api) return;
      const ids = [...pendingIds];
      pendingIds.clear();
      const asked = generation;
      const requestedAt = Date.now();
      const { filters } = query();
      const fresh: LibraryDocument[] = [];
      let last: Awaited<ReturnType<typeof api.library.documents>> | null = null;
      for (let i = 0; i === 0 || i < ids.length; i += DELTA_BATCH) {
        last = await api.library.documents({ ids: ids.slice(i, i + DELTA_BATCH), filters });
        if (!last.ok) break;
        fresh.push(...last.value.documents);
      }
      if (asked !== generation || !last) return;
      if (!last.ok) {
        for (const id of ids) pendingIds.add(id);
        set({ loadError: last.error });
        return;
      }
      const { documents: _rows, jobs, ...overview } = last.value;
      const current = get().list ?? list;
      const items = patchDocuments(current.items, {
        changedIds: new Set(ids),
        fresh,
        order: get().order,
        boundary: current.nextCursor === null ? undefined : boundary,
      });
      set({ list: { ...current, ...overview, items }, loadError: null });
      links.receiveJobs(jobs, requestedAt);
    };

    return {
      list: null,
      loadError: null,
      filters: NO_FILTERS,
      order: DEFAULT_ORDER,
      loadingMore: false,
      deleting: [],
      detail: null,
      load(api = connection.current() ?? undefined) {
        const asked = ++generation;
        return enqueue(() => firstPage(api, asked));
      },
      loadMore() {
        const cursor = get().list?.nextCursor;
        if (!cursor || get().loadingMore) return Promise.resolve();
        set({ loadingMore: true });
        const asked = generation;
        const next = async (): Promise<void> => {
          const api = connection.current();
          if (!api || asked !== generation) return;
          const result = await api.library.list({ ...query(), cursor, limit: PAGE_SIZE });
          const list = get().list;
          if (asked !== generation || !list) return;
          if (!result.ok) {
            set({ loadError: result.error });
            return;
          }
          const { jobs: _jobs, items, ...rest } = result.value;
          const have = new Set(list.items.map((d) => d.id));
          boundary = items.at(-1) ?? boundary;
          set({
            list: { ...list, ...rest, items: [...list.items, ...items.filter((d) => !have.has(d.id))] },
            loadError: null,
          });
        };
        // Whatever happened (answered, failed, overtaken by a load), the next page may be asked for again.
        return enqueue(() => next().finally(() => set({ loadingMore: false })));
      },
      scheduleLoad() {
        if (reloadTimer !== null) return;
        reloadTimer = setTimeout(() => {
          reloadTimer = null;
          void enqueue(flush);
        }, RELOAD_DELAY_MS);
      },
      setFilters(patch) {
        set({ filters: { ...get().filters, ...patch } });
        void get().load();
      },
      setOrder(order) {
        set({ order });
        void get().load();
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
        // Shown at once; the delta that library.changed brings confirms it and corrects the totals.
        const list = get().list;
        if (list) set({ list: { ...list, items: list.items.filter((d) => d.id !== document.id) } });
        useToastStore.getState().push({ tone: 'success', title: `Deleted ${document.name}` });
        get().scheduleLoad();
        return true;
      },
      receiveChanged(change) {
        if (change.reason === 'deleted') {
          for (const id of change.documentIds) pendingIds.delete(id);
          const list = get().list;
          const gone = new Set(change.documentIds);
          if (list) set({ list: { ...list, items: list.items.filter((d) => !gone.has(d.id)) } });
          links.documentsGone(change.documentIds);
        } else {
          for (const id of change.documentIds) pendingIds.add(id);
        }
        get().scheduleLoad();
        const detail = get().detail;
        if (!detail || !change.documentIds.includes(detail.id)) return;
        if (change.reason === 'deleted') set({ detail: null });
        else void get().openDetail(detail.id);
      },
    };
  });
}
