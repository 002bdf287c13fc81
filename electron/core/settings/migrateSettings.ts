import type { Settings } from '../../shared/settings';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema } from '../../shared/settings';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Each step takes the stored object of version N and returns version N+1. Version 0 is the flat shape
 * of the first prototype (`{ theme, threads, contextSize }`), kept so its files still open.
 */
const STEPS: Record<number, (old: Json) => Json> = {
  0: (old) => ({
    version: 1,
    appearance: { theme: old['theme'] },
    inference: { threads: old['threads'], contextSize: old['contextSize'] },
  }),
  // v2 adds the fallback and storage sections; their defaults fill in below.
  1: (old) => ({ ...old, version: 2 }),
  // v3 adds the answers section (grounded answers); its defaults fill in below.
  2: (old) => ({ ...old, version: 3 }),
};

export interface MigrationResult {
  settings: Settings;
  /** True when the stored file was older (or partly invalid) and should be rewritten. */
  changed: boolean;
  /** Fields that were invalid and reset to defaults, for the log. */
  dropped: string[];
}

/** Brings any stored value forward to the current version, keeping every valid field. */
export function migrateSettings(stored: unknown): MigrationResult {
  let value: Json = isObject(stored) ? stored : {};
  let version = typeof value['version'] === 'number' ? value['version'] : 0;
  if (version > SETTINGS_VERSION) {
    // Written by a newer Hearth: keep what we understand rather than refusing to start.
    version = SETTINGS_VERSION;
  }
  const changedByVersion = version !== SETTINGS_VERSION || value['version'] !== SETTINGS_VERSION;
  while (version < SETTINGS_VERSION) {
    const step = STEPS[version];
    if (!step) break;
    value = step(value);
    version++;
  }
  const dropped: string[] = [];
  const merged: Json = { version: SETTINGS_VERSION };
  for (const [section, defaults] of Object.entries(DEFAULT_SETTINGS)) {
    if (section === 'version') continue;
    const storedSection = isObject(value[section]) ? value[section] : {};
    const out: Json = {};
    for (const [key, def] of Object.entries(defaults as Json)) {
      const candidate = storedSection[key];
      const sectionSchema = SettingsSchema.shape[section as keyof typeof SettingsSchema.shape];
      const fieldSchema =
        'shape' in sectionSchema
          ? (sectionSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key]
          : undefined;
      if (candidate !== undefined && fieldSchema?.safeParse(candidate).success) out[key] = candidate;
      else {
        if (candidate !== undefined) dropped.push(`${section}.${key}`);
        out[key] = def;
      }
    }
    merged[section] = out;
  }
  const settings = SettingsSchema.parse(merged);
  return { settings, changed: changedByVersion || dropped.length > 0, dropped };
}
