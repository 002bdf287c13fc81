import { create } from 'zustand';
import type { z } from 'zod';
import type { ErrorData } from '@shared/errors';
import type { StreamHandle } from '@shared/rpcClient';
import type { DownloadProgressSchema, ModelInfo } from '@shared/runtimeSchemas';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED } from '@/store/reportError';
import { useModelsStore } from './useModelsStore';
import { useToastStore } from '@/store/useToastStore';

export type DownloadProgress = z.infer<typeof DownloadProgressSchema>;

interface DownloadRequest {
  source: string;
  sha256?: string;
  displayName?: string;
  /** Where it was started: 'url' (the form) or `curated:<key>`; the progress is shown there. */
  origin: string;
}

/** running → done | paused (cancelled; the partial file is kept) | failed. Resume re-runs the same request. */
type DownloadPhase = 'idle' | 'running' | 'paused' | 'failed' | 'done';

interface DownloadState {
  request: DownloadRequest | null;
  phase: DownloadPhase;
  progress: DownloadProgress | null;
  error: ErrorData | null;
  model: ModelInfo | null;
  /** Downloads that start, in order, once the current one finishes (the recommended pair). */
  queued: readonly DownloadRequest[];
  start: (request: DownloadRequest) => void;
  /** Downloads several one after another; a pause or failure holds the rest until Resume. */
  startAll: (requests: readonly DownloadRequest[]) => void;
  cancel: () => void;
  resume: () => void;
  /** Clears a finished, paused or failed download from view. */
  dismiss: () => void;
}

/**
 * One download at a time, held here rather than in a screen so it keeps going while the person looks elsewhere.
 * The core resumes a partial file of the same source, so Resume is just the same call again.
 */
let handle: StreamHandle<unknown> | null = null;

export const useDownloadStore = create<DownloadState>()((set, get) => ({
  request: null,
  phase: 'idle',
  progress: null,
  error: null,
  model: null,
  queued: [],
  start(request) {
    if (get().phase === 'running') return;
    const api = connection.current();
    if (!api) {
      set({ request, phase: 'failed', progress: null, error: NOT_CONNECTED, model: null });
      return;
    }
    const { source, sha256, displayName } = request;
    const own = api.models.download(
      { source, ...(sha256 ? { sha256 } : {}), ...(displayName ? { displayName } : {}) },
      (progress) => {
        if (handle === own) set({ progress });
      },
    );
    handle = own;
    set({ request, phase: 'running', progress: null, error: null, model: null });
    void own.done.then((result) => {
      if (handle !== own) return;
      handle = null;
      if (result.ok) {
        set({ phase: 'done', model: result.value });
        useToastStore.getState().push({ tone: 'success', title: `Downloaded ${result.value.displayName}` });
        void useModelsStore.getState().load();
        const [next, ...rest] = get().queued;
        if (next) {
          set({ queued: rest });
          get().start(next);
        }
      } else if (result.error.code === 'CANCELLED') {
        set({ phase: 'paused', error: null });
      } else {
        set({ phase: 'failed', error: result.error });
      }
    });
  },
  startAll(requests) {
    const [first, ...rest] = requests;
    if (!first || get().phase === 'running') return;
    set({ queued: rest });
    get().start(first);
  },
  cancel() {
    handle?.cancel();
  },
  resume() {
    const { request, phase } = get();
    if (request && (phase === 'paused' || phase === 'failed')) get().start(request);
  },
  dismiss() {
    if (get().phase === 'running') return;
    set({ request: null, phase: 'idle', progress: null, error: null, model: null, queued: [] });
  },
}));
