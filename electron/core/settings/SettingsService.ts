import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../shared/settings';
import { migrateSettings } from './migrateSettings';

/** Options for the settings store. */
export interface SettingsServiceOptions {
  /** Path of `settings.json`. */
  file: string;
  logger: Logger;
  /** Called after every successful change. */
  onChange?: (settings: Settings) => void;
}

/** Typed settings with defaults, persisted atomically to `settings.json` and migrated at load. */
export class SettingsService {
  #current: Settings = DEFAULT_SETTINGS;
  #writes: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(private readonly options: SettingsServiceOptions) {}

  static async open(options: SettingsServiceOptions): Promise<SettingsService> {
    const service = new SettingsService(options);
    await service.#load();
    return service;
  }

  get(): Settings {
    return this.#current;
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    this.#assertOpen();
    const next: Record<string, unknown> = { ...this.#current };
    for (const [section, values] of Object.entries(patch)) {
      if (values === undefined) continue;
      next[section] = { ...(this.#current[section as keyof SettingsPatch] as object), ...values };
    }
    return this.#commit(SettingsSchema.parse(next));
  }

  async reset(): Promise<Settings> {
    this.#assertOpen();
    return this.#commit(DEFAULT_SETTINGS);
  }

  /** Waits for the last write to reach the disk, then refuses changes. */
  async dispose(): Promise<void> {
    this.#closed = true;
    await this.#writes.catch(() => undefined);
  }

  #assertOpen(): void {
    if (this.#closed) throw new HearthError('CANCELLED', 'Settings cannot change now: Hearth is stopping.');
  }

  async #commit(settings: Settings): Promise<Settings> {
    this.#current = settings;
    await this.#persist(settings);
    this.options.onChange?.(settings);
    return settings;
  }

  async #load(): Promise<void> {
    let raw: string | null = null;
    try {
      raw = await readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (raw === null) {
      this.#current = DEFAULT_SETTINGS;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // A corrupt file must not stop Hearth: keep a copy for the user and start from defaults.
      const backup = `${this.options.file}.corrupt-${Date.now()}`;
      await rename(this.options.file, backup);
      this.options.logger.warn({ backup }, 'settings.json was not valid JSON; using defaults');
      this.#current = DEFAULT_SETTINGS;
      await this.#persist(this.#current);
      return;
    }
    const { settings, changed, dropped } = migrateSettings(parsed);
    this.#current = settings;
    if (dropped.length) this.options.logger.warn({ dropped }, 'invalid settings reset to defaults');
    if (changed) await this.#persist(settings);
  }

  /** Write-then-rename so a crash mid-write never leaves a half file; writes are serialised. */
  #persist(settings: Settings): Promise<void> {
    const write = async () => {
      const tmp = `${this.options.file}.${randomUUID()}.tmp`;
      await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
      await rename(tmp, this.options.file);
    };
    this.#writes = this.#writes.then(write, write);
    return this.#writes;
  }
}
