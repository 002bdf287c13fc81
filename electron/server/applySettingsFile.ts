import { mkdir, readFile } from 'node:fs/promises';
import pino from 'pino';
import { z } from 'zod';
import { dataPaths } from '../core/paths/resolveDataDir';
import { SettingsService } from '../core/settings/SettingsService';
import { SettingsPatchSchema, type SettingsPatch } from '../shared/settings';

/** Options for applying an operator's settings before the core starts. */
export interface ApplySettingsFileOptions {
  /** The data folder whose `settings.json` changes. */
  dataDir: string;
  /** A JSON settings patch (any subset of sections and fields, as `settings.update` takes). */
  settingsFile?: string;
  /** A file holding the S3 access key id (`storage.s3AccessKeyId`). */
  s3AccessKeyIdFile?: string;
}

/**
 * Writes the operator's settings into `settings.json` before the core reads them, at every start: a server's storage
 * (PostgreSQL, the S3 endpoint) is configuration the deployment owns, not something a browser set once. Bad JSON or
 * an invalid value stops the start with the file's name and the field at fault; the stored settings stay as they were.
 */
export async function applySettingsFile(options: ApplySettingsFileOptions): Promise<SettingsPatch | null> {
  const patch: SettingsPatch = options.settingsFile ? await readPatch(options.settingsFile) : {};
  if (options.s3AccessKeyIdFile) {
    const id = (await readFile(options.s3AccessKeyIdFile, 'utf8')).trim();
    patch.storage = { ...patch.storage, s3AccessKeyId: id };
  }
  if (Object.keys(patch).length === 0) return null;
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const settings = await SettingsService.open({
    file: dataPaths(options.dataDir).settings,
    logger: pino({ level: 'warn' }, pino.destination(2)),
  });
  try {
    await settings.update(patch);
  } catch (error) {
    if (error instanceof z.ZodError) {
      throw new Error(
        `${options.settingsFile ?? 'The settings'} would make invalid settings:\n${z.prettifyError(error)}`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    await settings.dispose();
  }
  return patch;
}

async function readPatch(file: string): Promise<SettingsPatch> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not a JSON settings file: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const result = SettingsPatchSchema.safeParse(parsed);
  if (!result.success) throw new Error(`${file} is not a valid settings patch:\n${z.prettifyError(result.error)}`);
  return result.data;
}
