import { HearthError } from '../../shared/errors';
import { isInternalSecretName } from '../../shared/schemas';
import type { Part, PartContext } from '../lifecycle/PartContext';
import type { SettingsService } from '../settings/SettingsService';
import { keychainServiceName } from './keychainServiceName';
import { boundEndpointOf } from './secretBindings';
import { SecretsService, type MountedSecret } from './SecretsService';

type SecretChannels = 'secrets.list' | 'secrets.has' | 'secrets.set' | 'secrets.delete';

/**
 * Keychain-backed secrets. Values never leave the core: the channels only list, check, set and delete, never Hearth's
 * own entries, and a secret bound to an endpoint (secretBindings) counts as present only for the endpoint configured
 * now. Changes are audited by the dispatcher, with their caller (the contract's `audit`).
 */
export async function createSecretsPart(
  ctx: PartContext,
  deps: { settings: SettingsService },
): Promise<Part<{ secrets: SecretsService }, SecretChannels>> {
  const { platform, paths, logger, events } = ctx;
  const { settings } = deps;
  const secrets = ctx.disposables.add(
    'secrets',
    await SecretsService.open({
      service: keychainServiceName(paths.root, platform.defaultDataDir),
      dataDir: paths.root,
      logger,
      allowFileFallback: platform.keychainFileFallback,
      ...(platform.keychain ? { keychain: platform.keychain } : {}),
      // An operator's file goes only to the endpoint the settings named at start, as a secret saved in the app would.
      mounted: new Map(
        Object.entries(platform.mountedSecrets ?? {}).map(([name, path]): [string, MountedSecret] => [
          name,
          { path, endpoint: boundEndpointOf(name, settings.get()) },
        ]),
      ),
      onChange: async (names) => events.emit('secrets.changed', { names: await visible(names) }),
    }),
  );
  // Late subscribers (a browser that connects later) read it from app.info; this is for the log.
  if (secrets.warning) logger.warn(secrets.warning);

  /** Present for clients: not Hearth's own, and (when bound) saved for the endpoint configured now. */
  const present = async (name: string): Promise<boolean> => {
    if (isInternalSecretName(name)) return false;
    const endpoint = boundEndpointOf(name, settings.get());
    if (endpoint === null) return secrets.has(name);
    return (await secrets.revealFor(name, endpoint)) !== null;
  };
  const visible = async (names: string[]): Promise<string[]> => {
    const shown = await Promise.all(names.map(async (name) => ((await present(name)) ? [name] : [])));
    return shown.flat();
  };

  return {
    services: { secrets },
    handlers: {
      'secrets.list': async () => ({
        backend: secrets.kind,
        warning: secrets.warning,
        names: await visible(await secrets.list()),
      }),
      'secrets.has': async ({ name }) => ({ name, exists: await present(name) }),
      'secrets.set': async ({ name, value }) => {
        const endpoint = boundEndpointOf(name, settings.get());
        if (endpoint === '') {
          throw new HearthError(
            'INVALID_INPUT',
            'Enter the server address first: this secret is sent only to the address it was saved for.',
          );
        }
        if (endpoint === null) await secrets.set(name, value);
        else await secrets.setBound(name, value, endpoint);
        return { name, exists: true as const };
      },
      'secrets.delete': async ({ name }) => ({ name, deleted: await secrets.delete(name) }),
    },
  };
}
