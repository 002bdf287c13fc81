import type { AuditLog } from '../audit/AuditLog';
import type { Part, PartContext } from '../lifecycle/PartContext';
import { keychainServiceName } from './keychainServiceName';
import { SecretsService } from './SecretsService';

type SecretChannels = 'secrets.list' | 'secrets.has' | 'secrets.set' | 'secrets.delete';

/** Keychain-backed secrets. Values never leave the core: the channels only list, check, set and delete. */
export async function createSecretsPart(
  ctx: PartContext,
  deps: { audit: AuditLog },
): Promise<Part<{ secrets: SecretsService }, SecretChannels>> {
  const { platform, paths, logger, events } = ctx;
  const secrets = ctx.disposables.add(
    'secrets',
    await SecretsService.open({
      service: keychainServiceName(paths.root, platform.defaultDataDir),
      dataDir: paths.root,
      logger,
      allowFileFallback: platform.keychainFileFallback,
      ...(platform.keychain ? { keychain: platform.keychain } : {}),
      onChange: (names) => events.emit('secrets.changed', { names }),
    }),
  );
  // Late subscribers (a browser that connects later) read it from app.info; this is for the log.
  if (secrets.warning) logger.warn(secrets.warning);
  const { audit } = deps;
  return {
    services: { secrets },
    handlers: {
      'secrets.list': async () => ({ backend: secrets.kind, warning: secrets.warning, names: await secrets.list() }),
      'secrets.has': async ({ name }) => ({ name, exists: await secrets.has(name) }),
      'secrets.set': async ({ name, value }, c) => {
        await secrets.set(name, value);
        await audit.append({ actor: `user:${c.origin}`, action: 'secrets.set', data: { name } });
        return { name, exists: true as const };
      },
      'secrets.delete': async ({ name }, c) => {
        const deleted = await secrets.delete(name);
        await audit.append({ actor: `user:${c.origin}`, action: 'secrets.delete', data: { name, deleted } });
        return { name, deleted };
      },
    },
  };
}
