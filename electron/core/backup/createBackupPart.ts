import { join } from 'node:path';
import type { Settings } from '../../shared/settings';
import { announceLibraryChange, type LibraryServices } from '../library/createLibraryPart';
import type { LivingLibrary } from '../library/living/LivingLibrary';
import type { Part, PartContext } from '../lifecycle/PartContext';
import type { RuntimeServices } from '../runtime/createRuntimePart';
import type { SecretsService } from '../secrets/SecretsService';
import type { SettingsService } from '../settings/SettingsService';
import type { StorageServices } from '../storage/StorageServices';
import { BackupService } from './BackupService';

type BackupChannels =
  | 'backup.config'
  | 'backup.configure'
  | 'backup.list'
  | 'backup.run'
  | 'backup.verify'
  | 'backup.restore'
  | 'backup.cancel';

/** Sections of settings a restore brings back; storage and the server's address belong to this computer. */
const RESTORED_SECTIONS = ['appearance', 'inference', 'library', 'answers', 'privacy', 'fallback'] as const;

/** Backup and restore of the whole library (see BackupService). Built after the library and the living library. */
export async function createBackupPart(
  ctx: PartContext,
  deps: {
    settings: SettingsService;
    secrets: SecretsService;
    storage: StorageServices;
    runtime: RuntimeServices;
    library: LibraryServices;
    living: LivingLibrary;
  },
): Promise<Part<{ backups: BackupService }, BackupChannels>> {
  const { settings, secrets, storage, runtime, library, living } = deps;
  const catalog = library.libraryCatalog;
  const backups = ctx.disposables.add(
    'backups',
    await BackupService.open({
      dir: join(ctx.paths.root, 'backup'),
      secrets,
      logger: ctx.logger.child({ component: 'backup' }),
      appVersion: ctx.platform.appVersion,
      sources: {
        catalog,
        objects: () => storage.requireObjects(),
        vectorIndex: (key) => library.library.indexFor(key),
        settings: () => settings.get(),
        models: () => ({ models: runtime.modelCatalog.list(), defaults: runtime.modelCatalog.defaults() }),
      },
      restoreTargets: {
        catalog,
        objects: () => storage.requireObjects(),
        vectorIndex: (key) => library.library.indexFor(key),
        applySettings: async (saved) => {
          const from = saved as Partial<Settings>;
          const patch = Object.fromEntries(RESTORED_SECTIONS.flatMap((s) => (from[s] ? [[s, from[s]]] : [])));
          await settings
            .update(patch)
            .catch((error: unknown) =>
              ctx.logger.warn({ err: error }, 'the backup settings did not apply; kept this computer’s'),
            );
        },
        installedModels: () => runtime.modelCatalog.list().map((m) => m.id),
        rebuild: async (onProgress, signal) => {
          living.ensureActive();
          if (living.reembed.state().needed) {
            const state = await untilAborted(
              living.reembed.run((p) => onProgress(p.done, p.total)),
              signal,
            );
            return state.run?.done ?? 0;
          }
          const pending = living.refresher.pending;
          onProgress(0, pending);
          await living.refresher.drain();
          onProgress(pending - living.refresher.pending, pending);
          return pending - living.refresher.pending;
        },
        announce: (documentIds) => announceLibraryChange(ctx, { documentIds, reason: 'updated' }),
      },
    }),
  );
  return {
    services: { backups },
    handlers: {
      'backup.config': () => backups.config(),
      'backup.configure': (input) => backups.configure(input),
      'backup.list': () => backups.list(),
      'backup.run': (_input, call) => backups.backup((p) => call.emit(p), call.signal),
      'backup.verify': ({ id, backupKey }, call) => backups.verify(id, backupKey, (p) => call.emit(p), call.signal),
      'backup.restore': ({ id, backupKey }, call) => backups.restore(id, backupKey, (p) => call.emit(p), call.signal),
      'backup.cancel': () => ({ cancelled: backups.cancel() }),
    },
  };
}

/** Stops following a run when the caller goes; the run itself goes on (library.reembed.cancel stops it). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return promise;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
    ),
  ]);
}
