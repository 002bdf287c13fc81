import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  BackupDestinationSchema,
  type BackupConfig,
  type BackupDestination,
  type BackupProgress,
  type BackupRestoreResult,
  type BackupSummary,
} from '../../shared/backupSchemas';
import { HearthError } from '../../shared/errors';
import type { SecretsService } from '../secrets/SecretsService';
import { remoteEndpointOf } from '../secrets/secretBindings';
import { BackupRepository, listSummaries } from './BackupRepository';
import type { BackupTarget } from './BackupTarget';
import { FolderTarget } from './FolderTarget';
import { restoreBackup, verifyBackup, type RestoreTargets } from './restoreBackup';
import { S3Target } from './S3Target';
import { takeBackup, type BackupSources } from './takeBackup';

/** Keychain entries of backups: Hearth's own, so no contract channel but `backup.configure` reaches them. */
const BACKUP_KEY_SECRET = 'hearth.backup-key';
const BACKUP_S3_SECRET = 'hearth.backup-s3-secret-key';

const StoredConfigSchema = z.object({
  destination: BackupDestinationSchema.nullable().catch(null),
  keep: z.int().min(1).max(1000).catch(7),
  everyHours: z.int().min(0).max(720).catch(0),
});
type StoredConfig = z.infer<typeof StoredConfigSchema>;

/** Options for the backup service. */
export interface BackupServiceOptions {
  /** `<data dir>/backup`: the configuration and the snapshot work folder. */
  dir: string;
  secrets: SecretsService;
  logger: Logger;
  appVersion: string;
  sources: BackupSources;
  restoreTargets: RestoreTargets;
  /** Where a restore checks files before touching anything; default the system temp folder. */
  restoreWorkDir?: string;
}

/** A run in progress: one at a time, whatever its kind. */
interface Running {
  kind: 'backup' | 'verify' | 'restore';
  controller: AbortController;
}

/**
 * Backups of the whole library to a folder or an S3-compatible bucket: configuration (destination in
 * `backup/config.json`, the S3 secret key and the backup passphrase in the keychain), on-demand and scheduled runs,
 * retention, verify and restore. One run at a time.
 */
export class BackupService {
  readonly #o: BackupServiceOptions;
  #config: StoredConfig = { destination: null, keep: 7, everyHours: 0 };
  #running: Running | null = null;
  #timer: NodeJS.Timeout | null = null;
  #disposed = false;

  private constructor(options: BackupServiceOptions) {
    this.#o = options;
  }

  static async open(options: BackupServiceOptions): Promise<BackupService> {
    const service = new BackupService(options);
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const raw = await readFile(join(options.dir, 'config.json'), 'utf8').catch(() => null);
    if (raw) {
      try {
        service.#config = StoredConfigSchema.parse(JSON.parse(raw));
      } catch (error) {
        options.logger.warn({ err: error }, 'the backup configuration could not be read; backups are off until set');
      }
    }
    service.#schedule();
    return service;
  }

  async config(): Promise<BackupConfig> {
    const { destination } = this.#config;
    return {
      ...this.#config,
      hasSecretKey: destination?.kind === 's3' ? (await this.#s3Secret(destination)) !== null : false,
      hasBackupKey: (await this.#o.secrets.reveal(BACKUP_KEY_SECRET)) !== null,
    };
  }

  /** Changes where backups go and how many are kept; secrets go to the keychain (the S3 key bound to its endpoint). */
  async configure(input: {
    destination?: BackupDestination | null | undefined;
    keep?: number | undefined;
    everyHours?: number | undefined;
    secretKey?: string | undefined;
    backupKey?: string | undefined;
  }): Promise<BackupConfig> {
    const next: StoredConfig = {
      destination: input.destination === undefined ? this.#config.destination : input.destination,
      keep: input.keep ?? this.#config.keep,
      everyHours: input.everyHours ?? this.#config.everyHours,
    };
    if (input.secretKey !== undefined) {
      if (next.destination?.kind !== 's3') {
        throw new HearthError('INVALID_INPUT', 'A secret key is only needed for an S3 destination.');
      }
      await this.#o.secrets.setBound(BACKUP_S3_SECRET, input.secretKey, remoteEndpointOf(next.destination.endpoint));
    }
    if (input.backupKey !== undefined) await this.#o.secrets.set(BACKUP_KEY_SECRET, input.backupKey);
    this.#config = next;
    await writeFile(join(this.#o.dir, 'config.json'), JSON.stringify(next, null, 2), { mode: 0o600 });
    this.#schedule();
    return this.config();
  }

  /** Backups at the destination, newest first; read without the key. */
  async list(): Promise<{ backups: BackupSummary[]; note: string | null }> {
    if (!this.#config.destination) return { backups: [], note: 'Choose where backups go first.' };
    const target = await this.#target();
    try {
      return { backups: await listSummaries(target), note: null };
    } catch (error) {
      this.#o.logger.warn({ err: error }, 'could not list backups');
      return { backups: [], note: `Could not read ${target.label}: ${(error as Error).message}` };
    } finally {
      await target.dispose();
    }
  }

  /** Backs up now; `keep` newest are kept afterwards. */
  backup(onProgress: (p: BackupProgress) => void, signal?: AbortSignal): Promise<BackupSummary> {
    return this.#exclusive('backup', signal, async (controller) => {
      const passphrase = await this.#o.secrets.reveal(BACKUP_KEY_SECRET);
      if (!passphrase) throw new HearthError('INVALID_INPUT', 'Set a backup key first: backups are encrypted with it.');
      return this.#withRepo(passphrase, true, async (repo) => {
        const summary = await takeBackup({
          repo,
          sources: this.#o.sources,
          workDir: join(this.#o.dir, 'work'),
          appVersion: this.#o.appVersion,
          signal: controller.signal,
          onProgress,
        });
        onProgress({
          phase: 'prune',
          done: 0,
          total: 1,
          uploadedBytes: summary.uploadedBytes,
          message: 'Removing old backups',
        });
        const removed = await repo.prune(this.#config.keep);
        this.#o.logger.info(
          { id: summary.id, uploadedBytes: summary.uploadedBytes, totalBytes: summary.totalBytes, removed },
          'backup written',
        );
        return summary;
      });
    });
  }

  /** Reads and checks every piece of a backup (a dry run of restore); writes nothing. */
  verify(
    id: string,
    backupKey: string | undefined,
    onProgress: (p: BackupProgress) => void,
    signal?: AbortSignal,
  ): Promise<{ id: string; ok: true; pieces: number; bytes: number }> {
    return this.#exclusive('verify', signal, async (controller) =>
      this.#withRepo(await this.#passphrase(backupKey), false, async (repo) => {
        const { body, bytes } = await verifyBackup({
          repo,
          id,
          workDir: this.#o.restoreWorkDir ?? tmpdir(),
          signal: controller.signal,
          onProgress,
        });
        return { id, ok: true as const, pieces: Object.keys(body.pieces).length, bytes };
      }),
    );
  }

  /** Restores a backup into this empty library (see restoreBackup). */
  restore(
    id: string,
    backupKey: string | undefined,
    onProgress: (p: BackupProgress) => void,
    signal?: AbortSignal,
  ): Promise<BackupRestoreResult> {
    return this.#exclusive('restore', signal, async (controller) => {
      const passphrase = await this.#passphrase(backupKey);
      const workDir = await mkdtemp(join(this.#o.restoreWorkDir ?? tmpdir(), 'hearth-restore-'));
      try {
        return await this.#withRepo(passphrase, false, (repo) =>
          restoreBackup({ repo, id, workDir, signal: controller.signal, onProgress }, this.#o.restoreTargets),
        );
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    });
  }

  /** Cancels the run in progress; true if there was one. */
  cancel(): boolean {
    if (!this.#running) return false;
    this.#running.controller.abort();
    return true;
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#running?.controller.abort();
    while (this.#running) await new Promise((r) => setTimeout(r, 20));
  }

  async #passphrase(given: string | undefined): Promise<string> {
    const passphrase = given ?? (await this.#o.secrets.reveal(BACKUP_KEY_SECRET));
    if (!passphrase) throw new HearthError('INVALID_INPUT', 'Enter the backup key this backup was made with.');
    return passphrase;
  }

  async #withRepo<T>(passphrase: string, create: boolean, run: (repo: BackupRepository) => Promise<T>): Promise<T> {
    const target = await this.#target();
    try {
      return await run(await BackupRepository.open(target, passphrase, create));
    } finally {
      await target.dispose();
    }
  }

  async #exclusive<T>(
    kind: Running['kind'],
    signal: AbortSignal | undefined,
    run: (controller: AbortController) => Promise<T>,
  ): Promise<T> {
    if (this.#disposed) throw new HearthError('CANCELLED', 'Hearth is shutting down.');
    if (this.#running) {
      throw new HearthError('CONFLICT', `A ${this.#running.kind} is already running; wait for it or cancel it.`);
    }
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#running = { kind, controller };
    try {
      return await run(controller);
    } catch (error) {
      if (controller.signal.aborted && !(error instanceof HearthError && error.code === 'CANCELLED')) {
        throw new HearthError('CANCELLED', `The ${kind} was cancelled.`, undefined, { cause: error });
      }
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#running = null;
    }
  }

  async #target(): Promise<BackupTarget> {
    const destination = this.#config.destination;
    if (!destination) throw new HearthError('INVALID_INPUT', 'Choose where backups go first.');
    if (destination.kind === 'folder') return new FolderTarget(destination.path);
    const secretKey = await this.#s3Secret(destination);
    if (!secretKey) {
      throw new HearthError(
        'INVALID_INPUT',
        `No secret key is saved for ${remoteEndpointOf(destination.endpoint)}. Enter it with the destination.`,
      );
    }
    const workDir = join(this.#o.dir, 'work');
    await mkdir(workDir, { recursive: true });
    return new S3Target({ ...destination, secretKey, workDir, logger: this.#o.logger });
  }

  #s3Secret(destination: Extract<BackupDestination, { kind: 's3' }>): Promise<string | null> {
    return this.#o.secrets.revealFor(BACKUP_S3_SECRET, remoteEndpointOf(destination.endpoint));
  }

  /** Scheduled backups: `everyHours` after the newest one, checked again after each run. */
  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const hours = this.#config.everyHours;
    if (this.#disposed || hours === 0 || !this.#config.destination) return;
    const due = async (): Promise<void> => {
      const newest = (await this.list()).backups[0];
      const wait = newest ? newest.createdAt + hours * 3_600_000 - Date.now() : 0;
      if (wait > 60_000) {
        this.#timer = setTimeout(() => void due(), Math.min(wait, 2 ** 31 - 1));
        this.#timer.unref();
        return;
      }
      try {
        await this.backup(() => undefined);
        this.#schedule();
      } catch (error) {
        // An unreachable destination is tried again in an hour, not every minute.
        this.#o.logger.warn({ err: error }, 'scheduled backup failed; trying again in an hour');
        this.#timer = setTimeout(() => void due().catch(() => undefined), 3_600_000);
        this.#timer.unref();
      }
    };
    this.#timer = setTimeout(() => void due().catch(() => undefined), 60_000);
    this.#timer.unref();
  }
}
