import { join } from 'node:path';
import { livingLibraryHandlers } from './livingLibraryHandlers';
import type { Part, PartContext } from '../../lifecycle/PartContext';
import type { RuntimeServices } from '../../runtime/createRuntimePart';
import type { SettingsService } from '../../settings/SettingsService';
import type { StorageServices } from '../../storage/StorageServices';
import { announceLibraryChange, LIBRARY_EMBEDDING_VERSION, type LibraryServices } from '../createLibraryPart';
import { libraryStorageUsage } from './libraryStorageUsage';
import { UsageCache } from './UsageCache';
import { LivingLibrary } from './LivingLibrary';

type LivingChannels = keyof ReturnType<typeof livingLibraryHandlers>;

/** The living library: watched folders, bucket changes, versions, re-embedding, collections, storage and erase. */
export function createLivingLibraryPart(
  ctx: PartContext,
  deps: { settings: SettingsService; storage: StorageServices; runtime: RuntimeServices; library: LibraryServices },
): Part<{ living: LivingLibrary }, LivingChannels> {
  const { platform, paths, logger, events, signals } = ctx;
  const { settings, storage, runtime } = deps;
  const { library, libraryCatalog } = deps.library;
  // The storage view's folder walks and vector counts, measured again only after a change (or a minute).
  const usage = new UsageCache();
  const vectorsChanged = (): void => {
    usage.invalidate('vectors:');
    usage.invalidate(`dir:${paths.chroma}`);
  };
  const living = ctx.disposables.add(
    'living library',
    new LivingLibrary({
      catalog: libraryCatalog,
      library,
      objects: () => storage.requireObjects(),
      followBucket: platform.startSidecars ?? true,
      embed: runtime.embed,
      parse: deps.library.parse,
      maxBytes: deps.library.maxBytes,
      embeddingVersion: LIBRARY_EMBEDDING_VERSION,
      defaultModel: () => runtime.preferred().embedding[0] ?? null,
      blocker: deps.library.blocker,
      tempDir: join(paths.root, 'revisions'),
      ...(platform.library ? { timing: platform.library } : {}),
      ...(libraryCatalog.dialect === 'postgres'
        ? { bucketLeader: { holder: libraryCatalog.jobs.replicaId, leaseMs: libraryCatalog.jobs.leaseMs } }
        : {}),
      onChanged: (change) => announceLibraryChange(ctx, change),
      onFolders: (folders) => events.emit('library.watch.changed', { folders }),
      onReembed: (progress) => {
        vectorsChanged();
        events.emit('library.reembed.progress', progress);
      },
      logger: logger.child({ component: 'living-library' }),
    }),
  );
  signals.on('library.changed', (change) => {
    vectorsChanged();
    living.onLibraryChanged(change);
  });
  signals.on('models.changed', () => {
    usage.invalidate(`dir:${paths.models}`);
    living.onModelsChanged();
  });
  ctx.disposables.add(
    'living library start',
    ctx.starts.run({
      name: 'living-library',
      label: 'Folder watching and library sync',
      start: () => living.start(storage.ready),
    }),
  );
  return {
    services: { living },
    handlers: livingLibraryHandlers({
      living,
      catalog: libraryCatalog,
      models: () => runtime.modelCatalog.list(),
      storage: () =>
        libraryStorageUsage({
          catalog: libraryCatalog,
          index: (key) => library.indexFor(key),
          vectorsDir: settings.get().storage.vectorBackend === 'pgvector' ? null : paths.chroma,
          modelsDir: paths.models,
          modelCount: () => runtime.modelCatalog.list().length,
          cache: usage,
        }),
    }),
  };
}
