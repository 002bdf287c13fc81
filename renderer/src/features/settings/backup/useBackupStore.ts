import type { BackupConfig, BackupProgress, BackupSummary } from '@shared/backupSchemas';
import type { Result } from '@shared/result';
import { create } from 'zustand';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from '@/store/reportError';
import { useToastStore } from '@/store/useToastStore';

const toast = (title: string): void => {
  useToastStore.getState().push({ tone: 'success', title });
};

type Configure = Parameters<NonNullable<ReturnType<typeof connection.current>>['backup']['configure']>[0];

/** What runs now: a backup, a verify or a restore (one at a time, as in the core). */
interface Run {
  kind: 'backup' | 'verify' | 'restore';
  id: string | null;
  progress: BackupProgress | null;
  cancel: () => void;
}

interface BackupState {
  config: BackupConfig | null;
  backups: BackupSummary[];
  note: string | null;
  run: Run | null;
  load(): Promise<void>;
  configure(input: Configure): Promise<boolean>;
  backUp(): Promise<void>;
  verify(id: string, backupKey?: string): Promise<void>;
  restore(id: string, backupKey?: string): Promise<void>;
}

/** Backups of the whole library: the destination, the list at it, and the one run in progress. */
export const useBackupStore = create<BackupState>((set, get) => {
  const follow = async <T>(
    kind: Run['kind'],
    id: string | null,
    start: (
      api: NonNullable<ReturnType<typeof connection.current>>,
      onItem: (p: BackupProgress) => void,
    ) => {
      cancel(): void;
      done: Promise<Result<T>>;
    },
  ): Promise<T | null> => {
    const api = connection.current();
    if (!api) {
      reportError(`Could not start the ${kind}`, NOT_CONNECTED);
      return null;
    }
    const handle = start(api, (progress) => {
      const run = get().run;
      if (run) set({ run: { ...run, progress } });
    });
    set({ run: { kind, id, progress: null, cancel: () => handle.cancel() } });
    const result = await handle.done;
    set({ run: null });
    if (result.ok) return result.value;
    if (result.error.code === 'CANCELLED') toast(`The ${kind} was cancelled`);
    else reportError(`The ${kind} failed`, result.error);
    return null;
  };
  return {
    config: null,
    backups: [],
    note: null,
    run: null,
    async load() {
      const api = connection.current();
      if (!api) return;
      const [config, list] = await Promise.all([api.backup.config({}), api.backup.list({})]);
      if (config.ok) set({ config: config.value });
      else reportError('Could not read the backup settings', config.error);
      if (list.ok) set({ backups: list.value.backups, note: list.value.note });
      else reportError('Could not list backups', list.error);
    },
    async configure(input) {
      const api = connection.current();
      if (!api) {
        reportError('Could not save the backup settings', NOT_CONNECTED);
        return false;
      }
      const result = await api.backup.configure(input);
      if (!result.ok) {
        reportError('Could not save the backup settings', result.error);
        return false;
      }
      set({ config: result.value });
      await get().load();
      return true;
    },
    async backUp() {
      const summary = await follow('backup', null, (api, onItem) => api.backup.run({}, onItem));
      if (summary) toast(`Backed up ${String(summary.counts.documents)} documents`);
      await get().load();
    },
    async verify(id, backupKey) {
      const done = await follow('verify', id, (api, onItem) =>
        api.backup.verify({ id, ...(backupKey ? { backupKey } : {}) }, onItem),
      );
      if (done) toast(`Backup checked: all ${String(done.pieces)} pieces are intact`);
    },
    async restore(id, backupKey) {
      const done = await follow('restore', id, (api, onItem) =>
        api.backup.restore({ id, confirm: true, ...(backupKey ? { backupKey } : {}) }, onItem),
      );
      if (!done) return;
      const missing = done.missingModels.length ? ` Install ${done.missingModels.join(', ')} to use them.` : '';
      toast(`Restored ${String(done.documents)} documents and ${String(done.conversations)} conversations.${missing}`);
    },
  };
});
