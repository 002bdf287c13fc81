import type { Logger } from 'pino';
import { HearthError } from '../../../shared/errors';
import type { ObjectStore } from '../../objects/ObjectStore';
import type { Catalog } from '../catalog/Catalog';
import type { CollectionRecord } from '../catalog/Collections';
import type { Library } from '../Library';
import { chunkDocument } from '../parse/chunkDocument';
import type { ParseFn } from '../pipeline/pipelineTypes';
import { WatchService, type WatchedFolderInfo } from '../watch/WatchService';
import { BucketSync } from './BucketSync';
import { DocumentReviser } from './DocumentReviser';
import { IndexWriter, type ModelEmbedFn } from '../indexing/IndexWriter';
import { Reembedder, type ReembedProgress } from './Reembedder';
import { VectorRefresher } from './VectorRefresher';

/** Options for the living library. */
export interface LivingLibraryOptions {
  catalog: Catalog;
  library: Library;
  objects: () => Promise<ObjectStore>;
  /** Follow the bucket for changes made by other tools. False where the shell starts no storage at all (tests). */
  followBucket?: boolean;
  /** Embeds with a named model, or the default one. */
  embed: ModelEmbedFn;
  parse: ParseFn;
  maxBytes: () => number;
  embeddingVersion: number;
  /** The default embedding model's id; null when none is chosen. */
  defaultModel: () => string | null;
  /** Why ingestion cannot run now; null when it can. */
  blocker: () => string | null;
  /** Where replaced objects are downloaded for re-ingestion. */
  tempDir: string;
  /** On a team server: the bucket is followed by one replica at a time (see BucketSyncOptions.leader). */
  bucketLeader?: { holder: string; leaseMs: number };
  /** Quiet time after file events (default 500 ms), folder rescan interval without events (default 30 s), bucket
   * listing interval where the server has no notifications (default 5 s), wait before an index replaced by a
   * re-embed is dropped (default 60 s). */
  timing?: { watchDebounceMs?: number; watchPollMs?: number; bucketPollMs?: number; retireIndexAfterMs?: number };
  onChanged: (change: { documentIds: string[]; reason: 'updated' | 'deleted' }) => void;
  onFolders: (folders: WatchedFolderInfo[]) => void;
  onReembed: (progress: ReembedProgress) => void;
  logger: Logger;
}

/**
 * The library kept true to the disk and the bucket: watched folders, bucket changes, re-embedding after a model
 * change, collections, and erasing. Built on `Library` (ingest, delete) and the catalogue; `start` runs once storage
 * is up, and `dispose` stops watchers and work (everything left half-done resumes at the next start).
 */
export class LivingLibrary {
  readonly writer: IndexWriter;
  readonly refresher: VectorRefresher;
  readonly reviser: DocumentReviser;
  readonly watch: WatchService;
  readonly bucket: BucketSync;
  readonly reembed: Reembedder;
  readonly #o: LivingLibraryOptions;
  readonly #controller = new AbortController();
  #starting: Promise<void> | null = null;
  #bucketStarted = false;

  constructor(options: LivingLibraryOptions) {
    this.#o = options;
    const { catalog, library, logger, embeddingVersion } = options;
    const signal = this.#controller.signal;
    this.writer = new IndexWriter({
      catalog,
      embed: options.embed,
      indexes: library.indexes,
      embeddingVersion,
      activeIndex: () => catalog.indexes.active(),
      timings: catalog.embedTimings,
    });
    this.refresher = new VectorRefresher({ catalog, writer: this.writer, logger, signal });
    this.reviser = new DocumentReviser({
      catalog,
      objects: options.objects,
      writer: this.writer,
      parse: options.parse,
      chunk: chunkDocument,
      maxBytes: options.maxBytes,
      embeddingVersion,
      logger,
      // A revised email's attachments become its new children; their jobs run as resumed work does.
      attachments: async (documentId, parsed) => {
        await library.pipeline.adoptAttachments(documentId, parsed);
        library
          .resume()
          .catch((error: unknown) => logger.error({ err: error }, "ingesting a mail's attachments failed"));
      },
    });
    this.watch = new WatchService({
      catalog,
      library,
      reviser: this.reviser,
      refresher: this.refresher,
      blocker: options.blocker,
      logger,
      debounceMs: options.timing?.watchDebounceMs ?? 500,
      pollMs: options.timing?.watchPollMs ?? 30_000,
      onUpdated: (ids) => options.onChanged({ documentIds: ids, reason: 'updated' }),
      onFolders: options.onFolders,
    });
    this.bucket = new BucketSync({
      catalog,
      reviser: this.reviser,
      tempDir: options.tempDir,
      pollMs: options.timing?.bucketPollMs ?? 5_000,
      onUpdated: (ids) => options.onChanged({ documentIds: ids, reason: 'updated' }),
      logger,
      ...(options.bucketLeader ? { leader: options.bucketLeader } : {}),
    });
    this.reembed = new Reembedder({
      catalog,
      writer: this.writer,
      defaultModel: options.defaultModel,
      embeddingVersion,
      dropIndex: (index) => library.dropIndex(index),
      retireAfterMs: options.timing?.retireIndexAfterMs ?? 60_000,
      onProgress: options.onReembed,
      logger,
    });
  }

  /**
   * Finishes what a crash left (revisions, vector rewrites, a re-embed), then watches folders and the bucket. Rejects
   * when a step fails (the bucket cannot be listed, say); calling it again goes on from where it stopped — the core's
   * PartStarts retries it with backoff and shows every client that it is off.
   */
  start(ready: Promise<void>): Promise<void> {
    this.#starting ??= this.#start(ready).finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #start(ready: Promise<void>): Promise<void> {
    await ready;
    const signal = this.#controller.signal;
    if (signal.aborted) return;
    this.ensureActive();
    await this.reviser.recover(signal);
    await this.refresher.drain();
    if (signal.aborted) return;
    await this.watch.start();
    const resumed = this.reembed.resume();
    if (resumed) resumed.catch((error: unknown) => this.#o.logger.error({ err: error }, 'resumed re-embed failed'));
    // A crash between a re-embed's switch and the drop of the old index left it behind. Not awaited: an unreachable
    // database must not hold up the bucket watch.
    else void this.reembed.retireStale();
    if (this.#bucketStarted || signal.aborted || this.#o.followBucket === false) return;
    // Without the object store there is no bucket to follow: that is a failed start, retried, not a silent skip.
    const store = await this.#o.objects();
    if (signal.aborted) return;
    await this.bucket.start(store);
    this.#bucketStarted = true;
  }

  /** With no active index yet, the default model's index (when it exists) becomes the one search uses. */
  ensureActive(): void {
    const { catalog, embeddingVersion } = this.#o;
    if (catalog.indexes.active()) return;
    const model = this.#o.defaultModel();
    const index = catalog.indexes
      .list()
      .filter((r) => r.model === model && r.version === embeddingVersion)
      .at(-1);
    if (index) catalog.indexes.setActive(index.name);
  }

  /**
   * Follows the library's own changes: new documents get their first version row, and while search uses an older
   * model's index (a re-embed is due), new documents are written into that index too so search still finds them.
   */
  onLibraryChanged(change: { documentIds: string[]; reason: string }): void {
    if (change.reason !== 'ingested' || this.#controller.signal.aborted) return;
    const { catalog, embeddingVersion } = this.#o;
    this.ensureActive();
    const docs = change.documentIds.flatMap((id) => {
      const doc = catalog.getDocument(id);
      return doc?.status === 'indexed' ? [doc] : [];
    });
    for (const doc of docs) {
      catalog.versions.recordCurrent(doc);
      if (doc.collection) catalog.collectionTable.ensure(doc.collection);
    }
    const active = catalog.indexes.active();
    if (!active || (active.model === this.#o.defaultModel() && active.version === embeddingVersion)) return;
    catalog.collectionTable.queueRefresh(docs.map((d) => d.id));
    void this.refresher.drain();
  }

  /** Models changed: files that waited for an embedding model can be ingested now. */
  onModelsChanged(): void {
    if (this.#o.blocker()) return;
    this.ensureActive();
    this.watch.rescanAll();
  }

  createCollection(name: string): CollectionRecord {
    return this.#o.catalog.collectionTable.create(name);
  }

  /** Renames a collection; resolves once the moved documents' vectors carry the new name. */
  async renameCollection(from: string, to: string): Promise<{ moved: number; vectorsPending: number }> {
    const ids = this.#o.catalog.collectionTable.rename(from, to);
    return { moved: ids.length, vectorsPending: await this.#settle(ids) };
  }

  /** Deletes a collection: its documents too with `deleteDocuments`, else they are left in no collection. */
  async deleteCollection(name: string, deleteDocuments: boolean): Promise<{ documents: number }> {
    const { catalog, library } = this.#o;
    if (!catalog.collectionTable.exists(name)) {
      throw new HearthError('NOT_FOUND', `There is no collection called "${name}".`);
    }
    const docs = catalog.listDocuments({ collection: name });
    if (deleteDocuments) for (const doc of docs) await library.delete(doc.id);
    const moved = catalog.collectionTable.remove(name);
    await this.#settle(moved);
    return { documents: docs.length };
  }

  /** Moves documents into a collection (created if new) or out of any. */
  async move(
    documentIds: readonly string[],
    collection: string | null,
  ): Promise<{ moved: number; vectorsPending: number }> {
    const { catalog } = this.#o;
    const unknown = documentIds.find((id) => !catalog.getDocument(id));
    if (unknown) throw new HearthError('NOT_FOUND', 'That document is not in the library.', { documentId: unknown });
    const ids = catalog.collectionTable.move(documentIds, collection);
    return { moved: ids.length, vectorsPending: await this.#settle(ids) };
  }

  /**
   * Erases a collection (its documents, the folders feeding it, the name) or, without one, the whole library:
   * every document with its original, vectors, keyword rows and catalogue rows, every job, folder and collection.
   */
  async erase(collection?: string): Promise<{ documents: number }> {
    const { catalog, library } = this.#o;
    if (collection !== undefined && !catalog.collectionTable.exists(collection)) {
      throw new HearthError('NOT_FOUND', `There is no collection called "${collection}".`);
    }
    // Folders first, so nothing is ingested again behind the erase.
    for (const folder of catalog.folders.list()) {
      if (collection === undefined || folder.collection === collection) await this.watch.remove(folder.id, false);
    }
    if (collection === undefined) {
      this.reembed.cancel();
      library.cancel({});
    }
    const docs = catalog.listDocuments(collection === undefined ? {} : { collection });
    for (const doc of docs) await library.delete(doc.id);
    if (collection !== undefined) catalog.collectionTable.remove(collection);
    else {
      for (const job of catalog.jobs.list()) catalog.jobs.remove(job.id);
      for (const c of catalog.collectionTable.list()) catalog.collectionTable.remove(c.name);
      // Originals no document names any more (left by a crash between an upload and its catalogue row).
      const store = await this.#o.objects();
      for (const item of await store.list('documents/')) await store.delete(item.key);
    }
    return { documents: docs.length };
  }

  /** Stops watchers and work; what is unfinished resumes at the next start. */
  async dispose(): Promise<void> {
    this.#controller.abort();
    await Promise.all([this.watch.dispose(), this.bucket.dispose(), this.reembed.dispose()]);
    await this.#starting?.catch(() => undefined);
  }

  /** Rewrites the moved documents' vectors; returns how many still wait (the vector store may be down). */
  async #settle(ids: string[]): Promise<number> {
    await this.refresher.drain();
    if (ids.length > 0) this.#o.onChanged({ documentIds: ids, reason: 'updated' });
    return this.#o.catalog.collectionTable.refreshQueue().length;
  }
}
