import type { StoreApi, UseBoundStore } from 'zustand';
import { create } from 'zustand';
import type { ErrorData } from '@shared/errors';
import type { BatchResult, IngestProgress, LibraryJob } from '@shared/librarySchemas';
import { connection } from '@/ipc/client';
import { filesHavePaths, pathForFile } from '@/ipc/filePaths';
import { stageFile } from '@/ipc/stageFile';
import { toErrorData } from '@/lib/errorData';
import type { BatchTotals, JobRow, JobRows } from './ingestRows';
import { applyFileProgress, mergeJobList } from './ingestRows';
import { createBusyRequest } from '@/store/createBusyRequest';
import { NOT_CONNECTED, reportError } from '@/store/reportError';
import { useToastStore } from '@/store/useToastStore';

/** waiting → uploading (browser only) → starting (sent to the core, no job yet) → gone once its job shows; or failed. */
type UploadPhase = 'waiting' | 'uploading' | 'starting' | 'failed';
type UploadSource = { kind: 'file'; file: File } | { kind: 'path'; path: string };

/** A file on its way in before the core has an ingestion job for it. */
export interface UploadRow {
  id: string;
  name: string;
  size: number;
  loaded: number;
  phase: UploadPhase;
  error: ErrorData | null;
  /** Kept so a failed upload can be tried again. */
  source: UploadSource;
}

interface AddItem {
  file: File;
  name: string;
}

interface IngestState {
  /** Every ingestion job this page knows of, live from `library.progress` (all clients' batches). */
  rows: JobRows;
  batches: Readonly<Record<string, BatchTotals>>;
  uploads: readonly UploadRow[];
  /** Jobs with a cancel, retry or dismiss in flight. */
  busy: readonly string[];
  receiveProgress: (event: IngestProgress) => void;
  receiveJobs: (jobs: readonly LibraryJob[], requestedAt: number) => void;
  /** Files picked or dropped: paths in Electron, uploads in a browser; one batch. */
  addFiles: (items: readonly AddItem[]) => void;
  /** Files and folders by path (Electron only). */
  addPaths: (paths: readonly string[]) => void;
  cancelJob: (jobId: string) => Promise<void>;
  cancelUpload: (id: string) => void;
  cancelAll: () => Promise<void>;
  retry: (jobId: string) => Promise<void>;
  retryUpload: (id: string) => void;
  dismiss: (jobId: string) => Promise<void>;
  dismissUpload: (id: string) => void;
  /** Takes the files that finished indexing out of the panel. */
  clearFinished: () => void;
  /** Deleted documents leave the panel too (a job's id is its document's). */
  forgetDocuments: (ids: readonly string[]) => void;
}

/** What the ingest store needs of the library's list; libraryStores wires it (neither store imports the other). */
export interface IngestLinks {
  /** The list is stale: a batch started or ended, or one was seen for the first time (its queued files are only there). */
  reloadLibrary: () => void;
  /** Why nothing can be indexed now (no embedding model), or null. */
  blocker: () => string | null;
}

export type IngestStore = UseBoundStore<StoreApi<IngestState>>;

const UPLOAD_CONCURRENCY = 3;

const baseName = (path: string) => path.split(/[\\/]/).filter(Boolean).pop() ?? path;
const plural = (n: number, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

/**
 * Files on their way into the library: uploads (browser), batches sent to the core and every ingestion job's live
 * progress, with cancel, retry and dismiss per file.
 */
export function createIngestStore(links: IngestLinks): IngestStore {
  let uploadSeq = 0;
  const controllers = new Map<string, AbortController>();
  /** Upload rows that stay until their batch's jobs are listed, by batch. */
  const awaiting = new Map<string, readonly string[]>();

  const newUpload = (name: string, size: number, source: UploadSource, phase: UploadPhase): UploadRow => {
    uploadSeq += 1;
    return { id: `upload-${String(uploadSeq)}`, name, size, loaded: 0, phase, error: null, source };
  };

  return create<IngestState>()((set, get) => {
    const patchUploads = (ids: readonly string[], patch: Partial<UploadRow>) => {
      set({ uploads: get().uploads.map((u) => (ids.includes(u.id) ? { ...u, ...patch } : u)) });
    };
    const removeUploads = (ids: readonly string[]) => {
      set({ uploads: get().uploads.filter((u) => !ids.includes(u.id)) });
    };
    const request = createBusyRequest({ get, set });
    const keepRows = (keep: (row: JobRow) => boolean) => {
      const rows = Object.fromEntries(Object.entries(get().rows).filter(([, r]) => keep(r)));
      const live = new Set(Object.values(rows).map((r) => r.batchId));
      const batches = Object.fromEntries(Object.entries(get().batches).filter(([id]) => live.has(id)));
      set({ rows, batches });
    };
    const nameOf = (jobId: string) => get().rows[jobId]?.name ?? 'the file';

    /** The core has listed (or reported) jobs of a batch: its upload rows have done their part. */
    const settleAwaiting = () => {
      const batches = new Set(Object.values(get().rows).map((r) => r.batchId));
      for (const [batchId, ids] of awaiting) {
        if (!batches.has(batchId)) continue;
        awaiting.delete(batchId);
        removeUploads(ids);
      }
    };

    const announce = ({ files }: BatchResult) => {
      const failed = files.filter((f) => f.stage === 'failed').length;
      const indexed = files.filter((f) => f.stage === 'indexed').length;
      const toasts = useToastStore.getState();
      if (failed > 0) {
        toasts.push({
          tone: 'warning',
          title: `${plural(failed, 'file')} could not be added`,
          message: 'The Library screen says why for each one.',
        });
      } else if (indexed > 0) {
        toasts.push({ tone: 'success', title: `Added ${plural(indexed, 'file')} to the library` });
      }
    };

    /** Sends one batch to the core; the upload rows stay until its jobs appear (live progress comes as events). */
    const startBatch = async (
      input: { paths: string[] } | { uploads: { handle: string; name: string }[] },
      uploadIds: readonly string[],
    ) => {
      const api = connection.current();
      if (!api) {
        patchUploads(uploadIds, { phase: 'failed', error: NOT_CONNECTED });
        return;
      }
      patchUploads(uploadIds, { phase: 'starting' });
      let batchId: string | null = null;
      const stream = api.library.ingest(input, (item) => {
        if (batchId !== null) return;
        batchId = item.batchId;
        awaiting.set(batchId, uploadIds);
        // The queued files have no event yet: the list has them.
        links.reloadLibrary();
      });
      const result = await stream.done;
      if (batchId !== null) awaiting.delete(batchId);
      if (!result.ok && batchId === null) {
        // Refused as a whole (no embedding model, storage down…): the staged uploads would wait a day for the sweep.
        if ('uploads' in input) for (const { handle } of input.uploads) void api.staging.discard({ handle });
        patchUploads(uploadIds, { phase: 'failed', error: result.error });
        return;
      }
      removeUploads(uploadIds);
      links.reloadLibrary();
      if (result.ok) announce(result.value);
    };

    const uploadOne = async (row: UploadRow): Promise<string | null> => {
      if (row.source.kind !== 'file') return null;
      const controller = new AbortController();
      controllers.set(row.id, controller);
      patchUploads([row.id], { phase: 'uploading', loaded: 0, error: null });
      try {
        const staged = await stageFile(
          row.source.file,
          'document',
          (progress) => {
            patchUploads([row.id], { loaded: progress.loaded });
          },
          controller.signal,
        );
        return 'handle' in staged ? staged.handle : null;
      } catch (error) {
        const data = toErrorData(error);
        if (data.code === 'CANCELLED') removeUploads([row.id]);
        else patchUploads([row.id], { phase: 'failed', error: data });
        return null;
      } finally {
        controllers.delete(row.id);
      }
    };

    /** Browser: a few uploads at a time, then one batch of everything that arrived. */
    const uploadAll = async (rows: readonly UploadRow[]) => {
      const queue = [...rows];
      const handles = new Map<string, string>();
      const worker = async () => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          // Cancelled while it waited its turn.
          if (!get().uploads.some((u) => u.id === row.id)) continue;
          const handle = await uploadOne(row);
          if (handle) handles.set(row.id, handle);
        }
      };
      await Promise.all(Array.from({ length: Math.min(UPLOAD_CONCURRENCY, rows.length) }, worker));
      const staged = rows.filter((r) => handles.has(r.id));
      if (staged.length === 0) return;
      const uploads = staged.map((r) => ({ handle: handles.get(r.id) ?? '', name: r.name }));
      await startBatch(
        { uploads },
        staged.map((r) => r.id),
      );
    };

    /** Nothing can be indexed without an embedding model: say so before uploading anything. */
    const blocked = () => {
      const blocker = links.blocker();
      if (!blocker) return false;
      reportError('Documents cannot be added yet', { code: 'MODEL_UNAVAILABLE', message: blocker });
      return true;
    };

    const addPaths = (paths: readonly string[]) => {
      if (paths.length === 0) return;
      const rows = paths.map((path) => newUpload(baseName(path), 0, { kind: 'path', path }, 'starting'));
      set({ uploads: [...get().uploads, ...rows] });
      void startBatch(
        { paths: [...paths] },
        rows.map((r) => r.id),
      );
    };

    return {
      rows: {},
      batches: {},
      uploads: [],
      busy: [],
      receiveProgress(event) {
        const now = Date.now();
        if (event.kind === 'batch') {
          set({ batches: { ...get().batches, [event.batchId]: { progress: event } } });
          return;
        }
        const known = Object.values(get().rows).some((r) => r.batchId === event.batchId);
        set({ rows: applyFileProgress(get().rows, event, now) });
        // A batch seen for the first time (another tab's, or a resumed one): its queued files are only in the list.
        if (!known) links.reloadLibrary();
      },
      receiveJobs(jobs, requestedAt) {
        set({ rows: mergeJobList(get().rows, jobs, requestedAt) });
        settleAwaiting();
      },
      addFiles(items) {
        if (items.length === 0 || blocked()) return;
        if (filesHavePaths()) {
          // Electron: the files are on disk already; only their paths cross (folders included).
          const paths: string[] = [];
          const failures: UploadRow[] = [];
          for (const item of items) {
            const path = pathForFile(item.file);
            if (path) paths.push(path);
            else {
              const row = newUpload(item.name, item.file.size, { kind: 'file', file: item.file }, 'failed');
              failures.push({
                ...row,
                error: { code: 'UNSUPPORTED_FILE', message: `“${item.name}” is not a file on disk.` },
              });
            }
          }
          set({ uploads: [...get().uploads, ...failures] });
          addPaths(paths);
          return;
        }
        const rows = items.map((item) =>
          newUpload(item.name, item.file.size, { kind: 'file', file: item.file }, 'waiting'),
        );
        set({ uploads: [...get().uploads, ...rows] });
        void uploadAll(rows);
      },
      addPaths(paths) {
        if (paths.length === 0 || blocked()) return;
        addPaths(paths);
      },
      async cancelJob(jobId) {
        await request(jobId, `Could not cancel ${nameOf(jobId)}`, (api) => api.library.cancel({ jobId }));
      },
      cancelUpload(id) {
        const controller = controllers.get(id);
        if (controller) controller.abort();
        else if (get().uploads.some((u) => u.id === id && u.phase === 'waiting')) removeUploads([id]);
      },
      async cancelAll() {
        for (const controller of controllers.values()) controller.abort();
        removeUploads(
          get()
            .uploads.filter((u) => u.phase === 'waiting')
            .map((u) => u.id),
        );
        const api = connection.current();
        if (!api) return;
        const result = await api.library.cancel({});
        if (!result.ok) reportError('Could not cancel the files being added', result.error);
      },
      async retry(jobId) {
        const result = await request(jobId, `Could not retry ${nameOf(jobId)}`, (api) => {
          const row = get().rows[jobId];
          // The core puts the job back to queued without an event; show it at once.
          if (row) {
            const queued = { ...row, stage: 'queued' as const, error: null, bytes: 0, chunks: 0, seenAt: Date.now() };
            set({ rows: { ...get().rows, [jobId]: queued } });
          }
          return api.library.retry({ jobId }, () => undefined).done;
        });
        // The list says where the job really is.
        if (!result.ok) links.reloadLibrary();
      },
      retryUpload(id) {
        const row = get().uploads.find((u) => u.id === id);
        if (!row || row.phase !== 'failed' || blocked()) return;
        removeUploads([id]);
        if (row.source.kind === 'path') addPaths([row.source.path]);
        else get().addFiles([{ file: row.source.file, name: row.name }]);
      },
      async dismiss(jobId) {
        const result = await request(jobId, `Could not dismiss ${nameOf(jobId)}`, (api) =>
          api.library.dismiss({ jobId }),
        );
        if (!result.ok) return;
        const { [jobId]: _gone, ...rest } = get().rows;
        set({ rows: rest });
      },
      dismissUpload(id) {
        if (get().uploads.some((u) => u.id === id && u.phase === 'failed')) removeUploads([id]);
      },
      clearFinished() {
        keepRows((r) => r.stage !== 'indexed');
      },
      forgetDocuments(ids) {
        if (ids.some((id) => get().rows[id]?.stage === 'indexed')) keepRows((r) => !ids.includes(r.jobId));
      },
    };
  });
}
