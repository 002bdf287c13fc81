import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import type { ObjectConnection } from '../objects/ObjectConnection';
import { ObjectStore } from '../objects/ObjectStore';
import type { BackupTarget, StoredFile } from './BackupTarget';

/** Options for an S3 backup target. */
export interface S3TargetOptions {
  /** `http(s)://host:port` of the S3-compatible server. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  /** From the keychain, bound to `endpoint`. */
  secretKey: string;
  /** Folder for the few bytes in flight (ObjectStore uploads from files). */
  workDir: string;
  logger: Logger;
}

const PREFIX = 'hearth-backup/';

/** A backup repository under `hearth-backup/` in a bucket, through the project's S3 client (ObjectStore). */
export class S3Target implements BackupTarget {
  readonly label: string;
  readonly #store: ObjectStore;
  readonly #workDir: string;
  #bucketReady: Promise<void> | null = null;

  constructor(options: S3TargetOptions) {
    const connection: ObjectConnection = {
      url: new URL(options.endpoint).origin,
      region: options.region,
      bucket: options.bucket,
      accessKey: options.accessKeyId,
      secretKey: options.secretKey,
      pathStyle: true,
      origin: 'external',
    };
    this.#store = new ObjectStore({ connection, logger: options.logger, concurrency: 1 });
    this.#workDir = options.workDir;
    this.label = `s3://${options.bucket}/${PREFIX} at ${connection.url}`;
  }

  async list(prefix: string): Promise<StoredFile[]> {
    await this.#ready();
    const items = await this.#store.list(PREFIX + prefix);
    return items.map((item) => ({ name: item.key.slice(PREFIX.length), size: item.size }));
  }

  async read(name: string, signal?: AbortSignal): Promise<Buffer | null> {
    await this.#ready();
    try {
      const stream = await this.#store.download(PREFIX + name, signal ? { signal } : {});
      const parts: Buffer[] = [];
      for await (const part of stream) parts.push(part as Buffer);
      return Buffer.concat(parts);
    } catch (error) {
      if (error instanceof HearthError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async write(name: string, data: Buffer, signal?: AbortSignal): Promise<void> {
    await this.#ready();
    const path = join(this.#workDir, `${randomUUID()}.piece`);
    await writeFile(path, data);
    try {
      await this.#store.upload(PREFIX + name, path, signal ? { signal } : {});
    } finally {
      await rm(path, { force: true });
    }
  }

  async remove(name: string): Promise<void> {
    await this.#store.delete(PREFIX + name);
  }

  async dispose(): Promise<void> {
    this.#store.dispose();
  }

  #ready(): Promise<void> {
    this.#bucketReady ??= this.#store.ensureBucket().catch((error: unknown) => {
      this.#bucketReady = null;
      throw error;
    });
    return this.#bucketReady;
  }
}
