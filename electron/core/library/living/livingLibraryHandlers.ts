import { HearthError } from '../../../shared/errors';
import type { LibraryStorage } from '../../../shared/livingLibrarySchemas';
import type { ModelInfo } from '../../../shared/runtimeSchemas';
import type { Catalog } from '../catalog/Catalog';
import { refuseSharedPaths } from '../refuseSharedPaths';
import type { LivingLibrary } from './LivingLibrary';
import { estimateReembed } from './estimateReembed';
import type { Handlers } from '../../rpc/Dispatcher';
import type { CallContext } from '../../rpc/Dispatcher';
import { mayNamePaths } from '../../rpc/Dispatcher';

type LivingChannels =
  | 'library.collections.list'
  | 'library.collections.create'
  | 'library.collections.rename'
  | 'library.collections.delete'
  | 'library.move'
  | 'library.versions'
  | 'library.watch.list'
  | 'library.watch.add'
  | 'library.watch.remove'
  | 'library.watch.pause'
  | 'library.watch.resume'
  | 'library.reembed.status'
  | 'library.reembed'
  | 'library.reembed.cancel'
  | 'library.reembed.estimate'
  | 'library.storage'
  | 'library.erase';

/** The living library's channels: collections, watched folders, versions, re-embed, storage and erase. */
export function livingLibraryHandlers(deps: {
  living: LivingLibrary;
  catalog: Catalog;
  /** The storage view (sizes of originals, vectors, models, catalogue). */
  storage: () => Promise<LibraryStorage>;
  /** The installed models: what a re-embed estimate scales timings by. */
  models: () => readonly ModelInfo[];
}): Pick<Handlers, LivingChannels> {
  const { living, catalog } = deps;
  return {
    'library.collections.list': () => ({ collections: catalog.collectionTable.list() }),
    'library.collections.create': ({ name }) => living.createCollection(name),
    'library.collections.rename': ({ name, to }) => living.renameCollection(name, to),
    'library.collections.delete': ({ name, deleteDocuments }) =>
      living.deleteCollection(name, deleteDocuments ?? false),
    'library.move': ({ documentIds, collection }) => living.move(documentIds, collection),
    'library.versions': ({ id }) => {
      const doc = catalog.getDocument(id);
      if (!doc) throw new HearthError('NOT_FOUND', 'That document is not in the library.');
      const rows = catalog.versions.list(id);
      // Documents ingested before version history existed have no row for their present version.
      const versions = rows.some((r) => r.version === doc.version)
        ? rows
        : [
            {
              version: doc.version,
              sha256: doc.sha256,
              size: doc.size,
              origin: 'ingest' as const,
              status: 'current' as const,
              createdAt: doc.updatedAt,
            },
            ...rows,
          ];
      return {
        versions: versions.map((v) => ({
          version: v.version,
          sha256: v.sha256,
          size: v.size,
          origin: v.origin,
          status: v.status,
          createdAt: v.createdAt,
        })),
      };
    },

    'library.watch.list': () => ({ folders: living.watch.list() }),
    'library.watch.add': ({ path, collection }, ctx) => {
      refuseSharedPaths(catalog, 'folders');
      denyBrowser(ctx);
      return living.watch.add(path, collection ?? null);
    },
    'library.watch.remove': async ({ id, deleteDocuments }) => ({
      removed: await living.watch.remove(id, deleteDocuments ?? false),
    }),
    'library.watch.pause': ({ id }) => living.watch.pause(id),
    'library.watch.resume': ({ id }) => living.watch.resume(id),

    'library.reembed.status': () => living.reembed.state(),
    'library.reembed': async ({ force }, ctx) => {
      const state = living.reembed.state();
      if (!force && !state.needed && state.run?.status !== 'running') return state;
      // The run goes on in the core if the caller stops following; library.reembed.cancel stops it.
      return untilAborted(
        living.reembed.run((progress) => ctx.emit(progress)),
        ctx.signal,
      );
    },
    'library.reembed.cancel': () => ({ cancelled: living.reembed.cancel() }),
    'library.reembed.estimate': ({ model }) => {
      const models = deps.models();
      const target = models.find((m) => m.id === model);
      if (!target) throw new HearthError('NOT_FOUND', 'That model is not installed.');
      if (!target.isEmbeddingModel) {
        throw new HearthError(
          'INVALID_INPUT',
          `${target.displayName} is not an embedding model: it cannot find passages.`,
        );
      }
      return estimateReembed({
        passages: catalog.chunkCount(),
        target,
        models,
        timings: catalog.embedTimings.list(),
      });
    },

    'library.storage': () => deps.storage(),
    'library.erase': ({ collection }) => living.erase(collection),
  };
}

/** A browser on another computer must not name folders on the server's disk. */
function denyBrowser(ctx: CallContext): void {
  if (!mayNamePaths(ctx)) {
    throw new HearthError(
      'PERMISSION_DENIED',
      'Folders can only be added from the computer Hearth runs on (the app, or a browser on that computer).',
    );
  }
}

/** Settles with the work, or with CANCELLED as soon as the caller stops following; the work itself goes on. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new HearthError('CANCELLED', 'Stopped following the re-embed.'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
