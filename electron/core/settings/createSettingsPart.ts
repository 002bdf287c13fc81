import type { Part, PartContext } from '../lifecycle/PartContext';
import { SettingsService } from './SettingsService';

/** Typed settings with defaults and migration; every change reaches clients as `settings.changed`. */
export async function createSettingsPart(
  ctx: PartContext,
): Promise<Part<{ settings: SettingsService }, 'settings.get' | 'settings.update' | 'settings.reset'>> {
  const settings = ctx.disposables.add(
    'settings',
    await SettingsService.open({
      file: ctx.paths.settings,
      logger: ctx.logger,
      onChange: (value) => ctx.events.emit('settings.changed', value),
    }),
  );
  return {
    services: { settings },
    handlers: {
      'settings.get': () => settings.get(),
      'settings.update': (patch) => settings.update(patch),
      'settings.reset': () => settings.reset(),
    },
  };
}
