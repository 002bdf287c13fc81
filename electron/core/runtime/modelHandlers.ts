import { totalmem } from 'node:os';
import { HearthError } from '../../shared/errors';
import type { Handlers } from '../rpc/Dispatcher';
import { isLocalCaller, mayNamePaths } from '../rpc/Dispatcher';
import type { ModelCatalog } from './models/ModelCatalog';
import { fitsMachine } from './models/curatedModels';
import type { StagingArea } from '../staging/StagingArea';
import type { ModelList } from '../../shared/runtimeSchemas';

type ModelChannels = 'models.list' | 'models.import' | 'models.download' | 'models.delete' | 'models.setDefault';

/** What `models.list` answers and `models.changed` carries: installed models, defaults, suggestions for this RAM. */
export function listModels(catalog: ModelCatalog): ModelList {
  return {
    models: catalog.list(),
    defaults: catalog.defaults(),
    curated: fitsMachine(totalmem()),
    machine: { totalRamBytes: totalmem() },
  };
}

/** The Models screen's channels, served by the catalogue. */
export function modelHandlers(deps: {
  catalog: ModelCatalog;
  staging: StagingArea;
  /** Called after the catalogue changed, e.g. so the runtime drops a deleted model. */
  onChange?: () => void;
}): Pick<Handlers, ModelChannels> {
  const { catalog, staging } = deps;
  const changed = <T>(value: T): T => {
    deps.onChange?.();
    return value;
  };
  return {
    'models.list': () => listModels(catalog),
    'models.import': async (input, ctx) => {
      const displayName = input.displayName === undefined ? {} : { displayName: input.displayName };
      if ('handle' in input) {
        const staged = await staging.resolve(input.handle);
        try {
          return changed(
            await catalog.importFile(staged.path, { ...displayName, move: true, originalName: staged.name }),
          );
        } finally {
          await staging.discard(input.handle);
        }
      }
      // A browser on another computer must not name files on the server's disk.
      if (!mayNamePaths(ctx)) {
        throw new HearthError('PERMISSION_DENIED', 'In the browser, upload the model file instead of giving a path.');
      }
      return changed(await catalog.importFile(input.path, displayName));
    },
    'models.download': async (input, ctx) =>
      changed(
        await catalog.download(input.source, {
          ...(input.sha256 ? { sha256: input.sha256 } : {}),
          ...(input.displayName ? { displayName: input.displayName } : {}),
          signal: ctx.signal,
          onProgress: ctx.emit,
          // A browser on another computer may not make Hearth reach into this computer or its network.
          addresses: isLocalCaller(ctx) ? 'any' : 'public',
        }),
      ),
    'models.delete': async ({ id }) => changed({ deleted: await catalog.delete(id) }),
    'models.setDefault': async ({ role, id }) => changed(await catalog.setDefault(role, id)),
  };
}
