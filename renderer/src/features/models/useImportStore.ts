import { create } from 'zustand';
import type { ErrorData } from '@shared/errors';
import type { ModelInfo } from '@shared/runtimeSchemas';
import { connection } from '@/ipc/client';
import type { UploadProgress } from '@/ipc/stageFile';
import { stageFile } from '@/ipc/stageFile';
import { toErrorData } from '@/lib/errorData';
import { NOT_CONNECTED } from '@/store/reportError';
import { useModelsStore } from './useModelsStore';
import { useToastStore } from '@/store/useToastStore';

/** uploading (browser only) → checking (the core reads the GGUF header) → done | failed. */
type ImportPhase = 'idle' | 'uploading' | 'checking' | 'done' | 'failed';

interface ImportState {
  phase: ImportPhase;
  fileName: string | null;
  progress: UploadProgress | null;
  error: ErrorData | null;
  model: ModelInfo | null;
  /** Stages the file (path or upload) and imports it; one at a time. */
  importFile: (file: File) => Promise<void>;
  cancel: () => void;
  dismiss: () => void;
}

let controller: AbortController | null = null;

export const useImportStore = create<ImportState>()((set, get) => ({
  phase: 'idle',
  fileName: null,
  progress: null,
  error: null,
  model: null,
  async importFile(file) {
    const { phase } = get();
    if (phase === 'uploading' || phase === 'checking') return;
    const fail = (error: ErrorData) => {
      set({ phase: 'failed', error });
    };
    if (!/\.gguf$/i.test(file.name)) {
      const message = `“${file.name}” is not a .gguf file. Hearth imports GGUF models.`;
      set({
        phase: 'failed',
        fileName: file.name,
        progress: null,
        model: null,
        error: { code: 'UNSUPPORTED_FILE', message },
      });
      return;
    }
    set({ phase: 'uploading', fileName: file.name, progress: null, error: null, model: null });
    const own = new AbortController();
    controller = own;
    let staged;
    try {
      staged = await stageFile(file, 'model', (progress) => set({ progress }), own.signal);
    } catch (error) {
      fail(toErrorData(error));
      return;
    } finally {
      if (controller === own) controller = null;
    }
    const api = connection.current();
    if (!api) {
      fail(NOT_CONNECTED);
      return;
    }
    set({ phase: 'checking' });
    const result = await api.models.import(staged);
    if (!result.ok) {
      // A refused upload would otherwise sit in staging until the daily sweep.
      if ('handle' in staged) void api.staging.discard({ handle: staged.handle });
      fail(result.error);
      return;
    }
    set({ phase: 'done', model: result.value });
    useToastStore.getState().push({ tone: 'success', title: `Imported ${result.value.displayName}` });
    await useModelsStore.getState().load();
  },
  cancel() {
    controller?.abort();
  },
  dismiss() {
    const { phase } = get();
    if (phase === 'uploading' || phase === 'checking') return;
    set({ phase: 'idle', fileName: null, progress: null, error: null, model: null });
  },
}));
