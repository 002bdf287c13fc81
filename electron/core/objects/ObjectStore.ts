import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { PassThrough, type Readable } from 'node:stream';
import { Client, type NotificationPoller } from 'minio';
import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import { detectServerFlavor, type ServerFlavor } from './detectServerFlavor';
import type { ObjectConnection } from './ObjectConnection';
import {
  cancelledError,
  isAbortError,
  isConnectionError,
  isStaleSocketError,
  isUnsupportedError,
  toObjectError,
} from './objectErrors';
import { checkKey, checkRange, checkTags, metadataHeaders, type ObjectTags } from './objectInput';
import type {
  DownloadOptions,
  ObjectInfo,
  ObjectStat,
  ObjectStoreOptions,
  UploadOptions,
  UploadResult,
} from './objectTypes';
import { readExactly } from './readExactly';
import { RequestScope, type RequestContext } from './RequestScope';

const MIN_PART_SIZE = 5 * 1024 * 1024;
export const DEFAULT_PART_SIZE = 16 * 1024 * 1024;
const MAX_PART_SIZE = 5 * 1024 * 1024 * 1024;
const MAX_PARTS = 10_000;
/** How long a cancelled upload may spend asking the server to drop its parts. */
const ABORT_TIMEOUT_MS = 5_000;

/** Hearth's originals in one bucket, through the `minio` client, with progress, cancel and typed errors. */
export class ObjectStore {
  readonly bucket: string;
  readonly partSize: number;
  readonly #connection: ObjectConnection;
  readonly #log: Logger;
  readonly #client: Client;
  readonly #agent: http.Agent;
  readonly #scope = new RequestScope();
  readonly #recoveryTimeoutMs: number;
  readonly #maxAttempts: number;
  readonly #idleTimeoutMs: number;
  readonly #concurrency: number;
  #flavor: Promise<ServerFlavor> | undefined;

  constructor(options: ObjectStoreOptions) {
    const partSize = options.partSize ?? DEFAULT_PART_SIZE;
    if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw new HearthError('INVALID_INPUT', 'The upload part size must be between 5 MiB and 5 GiB.');
    }
    this.partSize = partSize;
    this.#connection = options.connection;
    this.bucket = options.connection.bucket;
    this.#log = options.logger.child({ component: 'objects' });
    this.#recoveryTimeoutMs = options.recoveryTimeoutMs ?? 30_000;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    const url = new URL(options.connection.url);
    const useSSL = url.protocol === 'https:';
    this.#agent = useSSL ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.#client = new Client({
      endPoint: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: options.connection.accessKey,
      secretKey: options.connection.secretKey,
      region: options.connection.region,
      pathStyle: options.connection.pathStyle,
      transport: this.#scope.transport(useSSL ? 'https:' : 'http:'),
      transportAgent: this.#agent,
      partSize,
      // Its retries log with console.warn and know nothing of restarts; #call retries instead.
      retryOptions: { disableRetry: true },
    });
  }

  /** The sidecar, or an external endpoint: decides SIDECAR_DOWN versus REMOTE_UNAVAILABLE. */
  get origin(): ObjectConnection['origin'] {
    return this.#connection.origin;
  }

  /** Creates the bucket unless it exists. */
  async ensureBucket(): Promise<void> {
    const what = `prepare the bucket "${this.bucket}"`;
    const exists = await this.#call(what, () => this.#client.bucketExists(this.bucket));
    if (exists) return;
    try {
      await this.#call(what, () => this.#client.makeBucket(this.bucket, this.#connection.region));
    } catch (error) {
      // Someone (a second Hearth window, a restart race) made it meanwhile.
      const s3 = (error as HearthError).details?.['s3'];
      if (s3 !== 'BucketAlreadyOwnedByYou' && s3 !== 'BucketAlreadyExists') throw error;
    }
  }

  /**
   * Stores the file at `filePath` under `key`. Files larger than the part size go up part by part (initiate, upload
   * each part, complete), which gives progress per part and a real cancel; s3rver, for one, cannot list multipart
   * uploads, so the client's own `putObject` would fail there. Cancel → CANCELLED, after asking the server to drop the
   * parts (details.abort: 'done' | 'refused' | 'failed').
   */
  async upload(key: string, filePath: string, options: UploadOptions = {}): Promise<UploadResult> {
    checkKey(key);
    if (options.tags) checkTags(options.tags);
    const headers = metadataHeaders(options.metadata, options.contentType);
    const what = `upload "${key}"`;
    const { signal } = options;
    if (signal?.aborted) throw cancelledError(what);
    const file = await open(filePath, 'r').catch((error: unknown) => {
      throw toObjectError(error, this.origin, what);
    });
    try {
      const size = (await file.stat()).size;
      const hash = createHash('sha256');
      let result: { etag: string; parts: number };
      if (size <= this.partSize) {
        options.onProgress?.({ sentBytes: 0, totalBytes: size });
        const body = Buffer.alloc(size);
        await readExactly(file, body, 0, what);
        hash.update(body);
        const put = await this.#call(what, () => this.#client.putObject(this.bucket, key, body, size, headers), signal);
        result = { etag: put.etag, parts: 0 };
        options.onProgress?.({ sentBytes: size, totalBytes: size });
      } else {
        result = await this.#uploadParts(key, file, size, headers, hash, options);
      }
      if (options.tags && Object.keys(options.tags).length > 0) await this.setTags(key, options.tags);
      return { key, etag: result.etag, size, sha256: hash.digest('hex'), parts: result.parts };
    } finally {
      await file.close().catch(() => undefined);
    }
  }

  async #uploadParts(
    key: string,
    file: FileHandle,
    size: number,
    headers: Record<string, string>,
    hash: ReturnType<typeof createHash>,
    options: UploadOptions,
  ): Promise<{ etag: string; parts: number }> {
    const what = `upload "${key}"`;
    const { signal } = options;
    // S3 allows 10,000 parts: very large files get larger parts, in whole MiB.
    const partSize = Math.max(this.partSize, Math.ceil(size / MAX_PARTS / 1_048_576) * 1_048_576);
    const uploadId = await this.#call(
      what,
      () => this.#client.initiateNewMultipartUpload(this.bucket, key, headers),
      signal,
    );
    const etags: { part: number; etag: string }[] = [];
    // Parts are read and hashed in order by this loop and sent by up to `concurrency` requests at once, each with
    // its own buffer; a buffer is reused only once its request is over.
    const buffers: Buffer[] = Array.from({ length: this.#concurrency }, () =>
      Buffer.allocUnsafe(Math.min(partSize, size)),
    );
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    let sent = 0;
    options.onProgress?.({ sentBytes: 0, totalBytes: size });
    try {
      for (let part = 1, offset = 0; offset < size && !failure; part++, offset += partSize) {
        if (signal?.aborted) throw cancelledError(what);
        while (buffers.length === 0) await Promise.race(inFlight);
        if (failure) break;
        const buffer = buffers.pop() as Buffer;
        const chunk = buffer.subarray(0, Math.min(partSize, size - offset));
        await readExactly(file, chunk, offset, what);
        hash.update(chunk);
        const partNumber = part;
        const request: Promise<void> = this.#call(
          `${what} (part ${partNumber})`,
          () =>
            this.#client.uploadPart(
              { bucketName: this.bucket, objectName: key, uploadID: uploadId, partNumber, headers: {} },
              chunk,
            ),
          signal,
        )
          .then(
            (uploaded) => {
              etags.push({ part: partNumber, etag: uploaded.etag });
              sent += chunk.length;
              if (!signal?.aborted) options.onProgress?.({ sentBytes: sent, totalBytes: size });
            },
            (error: unknown) => {
              failure ??= { error };
            },
          )
          .finally(() => {
            inFlight.delete(request);
            buffers.push(buffer);
          });
        inFlight.add(request);
      }
      await Promise.all(inFlight);
      if (failure) throw failure.error;
      etags.sort((a, b) => a.part - b.part);
      if (signal?.aborted) throw cancelledError(what);
      const done = await this.#complete(key, uploadId, etags, size, signal);
      return { etag: done, parts: etags.length };
    } catch (error) {
      // Let the other parts' requests end (a cancel aborts them) before telling the server to drop the upload.
      await Promise.all(inFlight);
      const abort = await this.#abortUpload(key, uploadId);
      const failure = signal?.aborted ? cancelledError(what) : toObjectError(error, this.origin, what);
      throw new HearthError(failure.code, failure.message, { ...failure.details, abort }, { cause: error });
    }
  }

  /** Completes an upload; a retry after a lost answer finds the upload gone but the object there. */
  async #complete(
    key: string,
    uploadId: string,
    etags: { part: number; etag: string }[],
    size: number,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    let attempted = false;
    try {
      return await this.#call(
        `finish uploading "${key}"`,
        () => {
          attempted = true;
          return this.#client.completeMultipartUpload(this.bucket, key, uploadId, etags).then((r) => r.etag);
        },
        signal,
      );
    } catch (error) {
      if (attempted && error instanceof HearthError && error.code === 'NOT_FOUND') {
        const stat = await this.stat(key).catch(() => null);
        if (stat && stat.size === size) return stat.etag;
      }
      throw error;
    }
  }

  /** Asks the server to drop an unfinished upload; some (s3rver) refuse, which is logged and otherwise harmless. */
  async #abortUpload(key: string, uploadId: string): Promise<'done' | 'refused' | 'failed'> {
    try {
      await this.#scope.run({ signal: AbortSignal.timeout(ABORT_TIMEOUT_MS), idleTimeoutMs: ABORT_TIMEOUT_MS }, () =>
        this.#client.abortMultipartUpload(this.bucket, key, uploadId),
      );
      this.#log.info({ key }, 'dropped the parts of an unfinished upload');
      return 'done';
    } catch (error) {
      if (isUnsupportedError(error)) {
        this.#log.warn(
          { key, s3: (error as { code?: string }).code },
          'the object server does not support aborting multipart uploads; its unfinished parts stay until it sweeps them',
        );
        return 'refused';
      }
      this.#log.warn({ key, err: error }, 'could not abort an unfinished multipart upload');
      return 'failed';
    }
  }

  /** The object's bytes, whole or an inclusive range; the stream fails with a HearthError (SIDECAR_DOWN, CANCELLED). */
  async download(key: string, options: DownloadOptions = {}): Promise<Readable> {
    checkKey(key);
    const { range, signal } = options;
    if (range) checkRange(range);
    const what = `download "${key}"`;
    // No idle timeout: a reader may pause (backpressure) for as long as it likes.
    const source = await this.#call(
      what,
      () =>
        range
          ? this.#client.getPartialObject(this.bucket, key, range.start, range.end - range.start + 1)
          : this.#client.getObject(this.bucket, key),
      signal,
      0,
    );
    const output = new PassThrough();
    source.on('error', (error) => output.destroy(toObjectError(error, this.origin, what)));
    // The request dies with the signal too, but what the reader sees should not depend on how the socket reports it.
    const onAbort = (): void => void output.destroy(cancelledError(what));
    signal?.addEventListener('abort', onAbort, { once: true });
    output.on('close', () => {
      signal?.removeEventListener('abort', onAbort);
      if (!source.destroyed) source.destroy();
    });
    source.pipe(output);
    return output;
  }

  async stat(key: string): Promise<ObjectStat> {
    checkKey(key);
    const info = await this.#call(`look up "${key}"`, () => this.#client.statObject(this.bucket, key));
    const metadata: Record<string, string> = {};
    let contentType: string | null = null;
    for (const [name, value] of Object.entries(info.metaData ?? {})) {
      if (name.toLowerCase() === 'content-type') contentType = String(value);
      else metadata[name.toLowerCase()] = String(value);
    }
    return { key, size: info.size, etag: info.etag, lastModified: info.lastModified, contentType, metadata };
  }

  /** Removes the object; removing one that does not exist succeeds (S3 semantics). */
  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.#call(`delete "${key}"`, () => this.#client.removeObject(this.bucket, key));
  }

  async getTags(key: string): Promise<ObjectTags> {
    checkKey(key);
    const tags = await this.#call(`read the tags of "${key}"`, () => this.#client.getObjectTagging(this.bucket, key));
    // The client's XML parser turns numeric-looking values ("3") into numbers.
    return Object.fromEntries(tags.map((tag) => [String(tag.Key), String(tag.Value)])) as ObjectTags;
  }

  /** Replaces the object's tags; with `merge`, changes only the given ones. */
  async setTags(key: string, tags: ObjectTags, options: { merge?: boolean } = {}): Promise<void> {
    checkKey(key);
    const next = options.merge ? { ...(await this.getTags(key)), ...tags } : { ...tags };
    checkTags(next);
    await this.#call(`tag "${key}"`, () => this.#client.setObjectTagging(this.bucket, key, next));
  }

  /** Every object under `prefix` (recursive). */
  async list(prefix = ''): Promise<ObjectInfo[]> {
    return this.#call(`list "${prefix}"`, async () => {
      const items: ObjectInfo[] = [];
      for await (const item of this.#client.listObjectsV2(this.bucket, prefix, true)) {
        if (item.name === undefined) continue;
        items.push({ key: item.name, size: item.size, etag: item.etag, lastModified: item.lastModified });
      }
      return items;
    });
  }

  /** 'minio' when the server is MinIO (bucket notifications available), else 'other'. Asked once, then remembered. */
  serverFlavor(): Promise<ServerFlavor> {
    this.#flavor ??= detectServerFlavor(this.#connection.url);
    return this.#flavor;
  }

  /**
   * MinIO bucket notifications for keys under `prefix`. Refuses (INVALID_INPUT) unless the server is MinIO: the
   * minio client's listener throws an uncaught JSON parse error against any other server, killing the process.
   * The poller's request runs under `signal`; abort it to end the long poll at once.
   */
  async listenNotifications(prefix: string, signal: AbortSignal): Promise<NotificationPoller> {
    if ((await this.serverFlavor()) !== 'minio') {
      throw new HearthError('INVALID_INPUT', 'Bucket notifications need a MinIO server; this one is not MinIO.');
    }
    return this.#scope.run({ signal, idleTimeoutMs: 0 }, async () =>
      this.#client.listenBucketNotification(this.bucket, prefix, '', ['s3:ObjectCreated:*', 's3:ObjectRemoved:*']),
    );
  }

  /** Closes idle keep-alive connections; in-flight requests fail. */
  dispose(): void {
    this.#agent.destroy();
  }

  /**
   * Runs one client call with the signal and idle timeout attached to its requests. When the sidecar drops the
   * connection, waits for the supervisor to bring it back and tries again (maxAttempts in all); every failure
   * leaves as a HearthError.
   */
  async #call<T>(
    what: string,
    operation: () => Promise<T>,
    signal?: AbortSignal,
    idleTimeoutMs = this.#idleTimeoutMs,
  ): Promise<T> {
    const context: RequestContext = { idleTimeoutMs, ...(signal ? { signal } : {}) };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#scope.run(context, operation);
      } catch (error) {
        if (signal?.aborted) throw cancelledError(what, error);
        if (isAbortError(error)) throw toObjectError(error, this.origin, what);
        const waitUntilReady = this.#connection.waitUntilReady;
        if (!isConnectionError(error) || attempt >= this.#maxAttempts) throw toObjectError(error, this.origin, what);
        if (!waitUntilReady) {
          // A remote server may close a keep-alive socket just as it is reused: one immediate retry, no more.
          if (attempt > 1 || !isStaleSocketError(error)) throw toObjectError(error, this.origin, what);
          continue;
        }
        this.#log.warn({ what, attempt, code: (error as { code?: string }).code }, 'object server dropped a request');
        if (!(await waitUntilReady(this.#recoveryTimeoutMs, signal))) {
          if (signal?.aborted) throw cancelledError(what, error);
          throw toObjectError(error, this.origin, what);
        }
        this.#log.info({ what, attempt: attempt + 1 }, 'object server is back; trying again');
      }
    }
  }
}
