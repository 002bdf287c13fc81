import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { pipeline as pipeStreams } from 'node:stream/promises';
import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import type { StagingArea } from '../staging/StagingArea';
import type { IndexKey, VectorStore } from '../vectors/VectorStore';
import type { Catalog } from './catalog/Catalog';
import type { JobRecord } from './catalog/catalogTypes';
import { chunkDocument } from './parse/chunkDocument';
import { IngestionPipeline } from './pipeline/IngestionPipeline';
import type {
  BatchResult,
  EmbedFn,
  FileResult,
  IngestInput,
  IngestProgress,
  ParseFn,
  PipelineObjects,
} from './pipeline/pipelineTypes';
import { walkInputs } from './pipeline/walkInputs';
import { IndexCache } from './indexing/IndexCache';
import { ProgressRelay } from './ProgressRelay';

/** What the library needs from storage: the object store and vector indexes, opened when first used. */
interface LibraryStorage {
  requireObjects(): Promise<
    PipelineObjects & {
      /** Reads an original back (the viewer); `range` is inclusive. */
      download(key: string, options: { range?: { start: number; end: number } }): Promise<NodeJS.ReadableStream>;
    }
  >;
  openVectorIndex(key: IndexKey): Promise<VectorStore>;
}

/** Options for the library service. */
export interface LibraryOptions {
  catalog: Catalog;
  storage: LibraryStorage;
  embed: EmbedFn;
  parse: ParseFn;
  staging: Pick<StagingArea, 'resolve' | 'discard'>;
  /** Where uploads wait (moved out of staging) until their original is in the object store. */
  incomingDir: string;
  /** The per-file size limit, read from settings at each file. */
  maxBytes: () => number;
  /** Part of every vector index's key: bumped when chunking or embedding changes. */
  embeddingVersion: number;
  /** Why ingestion cannot work right now (no embedding model…), in words; null when it can. */
  blocker: () => string | null;
  /** Every progress event of every batch (broadcast to all clients). */
  onProgress: (event: IngestProgress) => void;
  /** Documents or jobs changed. */
  onChanged: (change: { documentIds: string[]; reason: 'ingested' | 'failed' | 'deleted' | 'jobs' }) => void;
  logger: Logger;
  /** Files worked on at once. */
  concurrency?: number;
  /**
   * The catalogue is shared by server replicas: an upload is copied to the object store as it is taken in, and a job
   * another replica took in is run from that copy (or from its stored original) here.
   */
  shared?: boolean;
}

/** What to ingest: paths on this computer and uploads (staging handles) from the headless shell. */
export interface LibraryIngestInput {
  paths?: readonly string[];
  uploads?: readonly { handle: string; name: string }[];
  collection?: string;
  /** The folder `paths` were found in (a watched folder, never a client): they must lead inside its real root. */
  within?: string;
}

/**
 * The library as the contract sees it: ingestion batches that run in the core whatever the client does (a client
 * only follows their progress), resume after a restart, and list / get / delete / retry / cancel.
 */
export class Library {
  readonly pipeline: IngestionPipeline;
  /** The one cache of opened vector indexes: the pipeline, living library, re-embedder and retriever share it. */
  readonly indexes: IndexCache;
  readonly #o: LibraryOptions;
  readonly #relay: ProgressRelay;
  /** Batches running now, so every one can be cancelled and `dispose` can wait for them. */
  readonly #running = new Set<Promise<unknown>>();
  #resuming: Promise<BatchResult | null> | null = null;
  #takeover: NodeJS.Timeout | undefined;
  #disposed = false;

  constructor(options: LibraryOptions) {
    this.#o = options;
    this.#relay = new ProgressRelay({
      onProgress: options.onProgress,
      onListenerError: (error) => options.logger.error({ err: error }, 'an ingestion progress listener failed'),
      onFileDone: (event) => {
        options.onChanged({
          documentIds: [event.jobId],
          reason: event.stage === 'indexed' ? 'ingested' : 'failed',
        });
        if (event.stage === 'indexed') void this.#dropUploadCopy(event.jobId);
      },
      // A file being indexed is listed (and its status shown) from the moment its document exists.
      onDocumentAdded: (event) => options.onChanged({ documentIds: [event.jobId], reason: 'jobs' }),
    });
    const objects: PipelineObjects = {
      upload: async (key, path, o) => (await options.storage.requireObjects()).upload(key, path, o),
      setTags: async (key, tags) => (await options.storage.requireObjects()).setTags(key, tags),
      delete: async (key) => (await options.storage.requireObjects()).delete(key),
    };
    this.indexes = new IndexCache({
      indexes: options.catalog.indexes,
      open: (key) => options.storage.openVectorIndex(key),
    });
    this.pipeline = new IngestionPipeline({
      catalog: options.catalog,
      objects,
      vectors: this.indexes,
      embed: options.embed,
      parse: options.parse,
      chunk: chunkDocument,
      maxBytes: options.maxBytes,
      embeddingVersion: options.embeddingVersion,
      embedTimings: options.catalog.embedTimings,
      // Under the uploads' folder, so the sweep of finished uploads takes stored attachments' files too.
      attachmentsDir: join(options.incomingDir, 'attachments'),
      concurrency: options.concurrency ?? 2,
      // Below the embedding context (512) with room to spare: the chunker's token estimate can undercount by ~17%
      // (bench: 8% of 512-token chunks were cut), and a cut chunk is text the index never sees.
      chunkTokens: 384,
      overlapTokens: 48,
      ...(options.shared ? { localInput: (job: JobRecord) => this.#localInput(job) } : {}),
    });
  }

  /** Ingests files and folders as one batch; resolves when every file is done. */
  async ingest(
    input: LibraryIngestInput,
    options: { onProgress?: (event: IngestProgress) => void } = {},
  ): Promise<BatchResult> {
    const blocker = this.#o.blocker();
    if (blocker) throw new HearthError('MODEL_UNAVAILABLE', blocker);
    const walk = input.within === undefined ? {} : { within: input.within };
    const inputs: IngestInput[] = [...(await walkInputs(input.paths ?? [], walk))];
    for (const upload of input.uploads ?? []) inputs.push(await this.#adoptUpload(upload));
    if (inputs.length === 0) throw new HearthError('INVALID_INPUT', 'No files to ingest: the folders hold none.');
    return this.#track(
      this.pipeline.ingest(inputs, {
        ...(input.collection ? { collection: input.collection } : {}),
        onProgress: this.#relay.listener(options.onProgress),
      }),
    ).finally(() => this.#sweepIncoming());
  }

  /**
   * Continues jobs a crash or quit left unfinished, and (on a team server) jobs of replicas whose leases ran out;
   * called once the core is up and then every so often. One resume at a time: a call while one runs joins it.
   */
  async resume(): Promise<BatchResult | null> {
    if (this.#resuming) return this.#resuming;
    if (this.#disposed || !this.#o.catalog.jobs.hasClaimable()) return null;
    this.#o.logger.info('resuming unfinished ingestion');
    this.#resuming = this.#track(this.pipeline.resume({ onProgress: this.#relay.listener() }))
      .finally(() => this.#sweepIncoming())
      .finally(() => {
        this.#resuming = null;
      });
    return this.#resuming;
  }

  /**
   * Looks for jobs to take over every `everyMs` (a replica that died leaves its jobs leased until they expire), as
   * long as `ready()` says ingestion can run here. Stopped by dispose.
   */
  startTakeover(everyMs: number, ready: () => boolean): void {
    clearInterval(this.#takeover);
    this.#takeover = setInterval(() => {
      if (this.#disposed || !ready()) return;
      this.resume().catch((error: unknown) => this.#o.logger.error({ err: error }, 'taking over ingestion failed'));
    }, everyMs);
    this.#takeover.unref();
  }

  async retry(jobId: string, options: { onProgress?: (event: IngestProgress) => void } = {}): Promise<FileResult> {
    const blocker = this.#o.blocker();
    if (blocker) throw new HearthError('MODEL_UNAVAILABLE', blocker);
    return this.#track(this.pipeline.retry(jobId, { onProgress: this.#relay.listener(options.onProgress) }));
  }

  /** Cancels a file, a batch, or everything in progress; returns how many jobs were asked to stop. */
  cancel(target: { jobId?: string; batchId?: string }): number {
    const { jobs } = this.#o.catalog;
    const open = jobs.listOpen().filter((j) => !['failed', 'cancelled'].includes(j.stage));
    const ids = target.jobId
      ? [target.jobId]
      : open.filter((j) => !target.batchId || j.batchId === target.batchId).map((j) => j.id);
    for (const id of ids) this.pipeline.cancel(id);
    this.#o.onChanged({ documentIds: [], reason: 'jobs' });
    return ids.length;
  }

  /** Forgets a failed or cancelled job, with the failed document it made and its upload. */
  async dismiss(jobId: string): Promise<boolean> {
    const job = this.#o.catalog.jobs.get(jobId);
    if (!job) return false;
    const doc = job.documentId ? this.#o.catalog.getDocument(job.documentId) : undefined;
    if (doc && doc.status !== 'indexed' && doc.id === job.id) await this.pipeline.delete(doc.id);
    else this.#o.catalog.jobs.remove(jobId);
    await this.#removeIncoming(job);
    this.#o.onChanged({ documentIds: doc ? [doc.id] : [], reason: 'jobs' });
    return true;
  }

  async delete(documentId: string): Promise<void> {
    const jobs = this.#o.catalog.jobs.list({ documentId });
    // An email's attachments go with it: clients hear of them too, or their rows would linger.
    const children = this.#o.catalog.attachments.children(documentId).map((d) => d.id);
    await this.pipeline.delete(documentId);
    for (const job of jobs) await this.#removeIncoming(job);
    this.#o.onChanged({ documentIds: [documentId, ...children], reason: 'deleted' });
  }

  /**
   * An original's bytes (all, or an inclusive byte range) for the viewer and "open original". Only documents in the
   * catalogue are served, by id: a client can never name an object key.
   */
  async openOriginal(
    documentId: string,
    range?: { start: number; end: number },
  ): Promise<{ stream: NodeJS.ReadableStream; size: number; name: string; type: string }> {
    const doc = this.#o.catalog.getDocument(documentId);
    if (!doc?.objectKey) throw new HearthError('NOT_FOUND', 'That document is not in the library.');
    const objects = await this.#o.storage.requireObjects();
    const stream = await objects.download(doc.objectKey, range ? { range } : {});
    return { stream, size: doc.size, name: doc.name, type: doc.type };
  }

  /** The vector index a key names (recorded in the catalogue first, so deletes reach it after a restart). */
  indexFor(key: IndexKey): VectorStore {
    return this.indexes.get(key);
  }

  /** Deletes an index from its backend and forgets it; a later write to the same key starts a new one. */
  async dropIndex(key: IndexKey): Promise<void> {
    await this.indexes.drop(key);
  }

  /**
   * Stops running work and gives up this replica's job leases, so the jobs stay resumable by the next start or are
   * taken over by another replica at once; then closes index connections.
   */
  async dispose(): Promise<void> {
    this.#disposed = true;
    clearInterval(this.#takeover);
    this.pipeline.dispose();
    await Promise.allSettled([...this.#running]);
    try {
      this.#o.catalog.jobs.release();
    } catch (error) {
      // Unreleased leases only delay the takeover until they expire.
      this.#o.logger.warn({ err: error }, 'could not release ingestion job leases');
    }
    await this.indexes.dispose();
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work);
    const done = (): void => void this.#running.delete(work);
    work.then(done, done);
    return work;
  }

  /**
   * Moves an upload out of staging (swept after a day) into the library's own folder, under a fresh name. On a team
   * server it is also copied to the object store first, so any replica can run its job if this one stops.
   */
  async #adoptUpload(upload: { handle: string; name: string }): Promise<IngestInput & { staged: true }> {
    const staged = await this.#o.staging.resolve(upload.handle);
    await mkdir(this.#o.incomingDir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const path = join(this.#o.incomingDir, id);
    await rename(staged.path, path);
    await this.#o.staging.discard(upload.handle);
    if (!this.#o.shared) return { path, name: upload.name, staged: true };
    const objectKey = `${UPLOAD_PREFIX}${id}`;
    await (await this.#o.storage.requireObjects()).upload(objectKey, path, {});
    return { path, name: upload.name, staged: true, objectKey };
  }

  /**
   * The file of a job another replica took in: its stored original once it has one, else the upload's copy in the
   * object store, downloaded into this replica's folder. Null: the file is this replica's own.
   */
  async #localInput(job: JobRecord): Promise<string | null> {
    if (job.input.kind !== 'staging') return null;
    const { handle } = job.input;
    if (isInside(handle, this.#o.incomingDir) && (await exists(handle))) return null;
    const key = this.#o.catalog.getDocument(job.id)?.objectKey ?? job.input.objectKey;
    if (!key) {
      throw new HearthError(
        'NOT_FOUND',
        'This file was received by a server replica that stopped before storing it. Upload it again.',
        { jobId: job.id },
      );
    }
    const objects = await this.#o.storage.requireObjects();
    await mkdir(this.#o.incomingDir, { recursive: true, mode: 0o700 });
    const local = fetchedPath(this.#o.incomingDir, job.id);
    await pipeStreams(await objects.download(key, {}), createWriteStream(local, { mode: 0o600 }));
    return local;
  }

  /** An indexed upload's copy in the object store is no longer needed: its original is stored. */
  async #dropUploadCopy(jobId: string): Promise<void> {
    const job = this.#o.catalog.jobs.get(jobId);
    if (job?.input.kind !== 'staging' || !job.input.objectKey) return;
    try {
      await (await this.#o.storage.requireObjects()).delete(job.input.objectKey);
    } catch (error) {
      this.#o.logger.warn({ err: error, jobId }, 'could not delete an upload copy from the object store');
    }
  }

  /** Uploads whose job finished have their original in the object store: the copy here can go. */
  async #sweepIncoming(): Promise<void> {
    for (const job of this.#o.catalog.jobs.list()) {
      if (job.stage === 'indexed') await this.#removeIncoming(job);
    }
  }

  async #removeIncoming(job: JobRecord): Promise<void> {
    const path = job.input.kind === 'staging' ? job.input.handle : job.input.path;
    if (path.startsWith(this.#o.incomingDir)) await rm(path, { force: true });
    if (this.#o.shared) await rm(fetchedPath(this.#o.incomingDir, job.id), { force: true });
  }
}

/** Where uploads wait in the object store on a team server until a replica has stored their original. */
const UPLOAD_PREFIX = 'incoming/';

/** Where a replica keeps a job's file fetched from the object store. */
function fetchedPath(incomingDir: string, jobId: string): string {
  return join(incomingDir, `fetched-${jobId}`);
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
