import type { Part, PartContext } from '../lifecycle/PartContext';
import type { SecretsService } from '../secrets/SecretsService';
import type { SettingsService } from '../settings/SettingsService';
import type { Supervisor } from '../supervisor/Supervisor';
import { StorageServices } from './StorageServices';

/** The object store (originals) and the vector store, with their sidecars. */
export function createStoragePart(
  ctx: PartContext,
  deps: { supervisor: Supervisor; secrets: SecretsService; settings: SettingsService },
): Part<{ storage: StorageServices }, 'storage.status'> {
  const { platform } = ctx;
  const storage = ctx.disposables.add(
    'storage',
    new StorageServices({
      supervisor: deps.supervisor,
      secrets: deps.secrets,
      logger: ctx.logger,
      paths: ctx.paths,
      settings: deps.settings.get().storage,
      node: platform.node,
      sidecars: platform.sidecars,
      autoStart: platform.startSidecars ?? true,
    }),
  );
  return { services: { storage }, handlers: { 'storage.status': () => storage.status() } };
}
