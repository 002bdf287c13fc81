import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { HearthError } from '../../../shared/errors';
import type { DocumentRecord, JobRecord, JobStage } from '../catalog/catalogTypes';
import type { ParsedDocument } from '../parse/ParsedDocument';
import { admitFile } from '../parse/admitFile';
import { assertWithinRoot } from './checkWithinRoot';
import { hashFile } from './hashFile';
import type { BatchResult, FileResult, IngestInput, IngestionPipelineOptions, IngestOptions } from './pipelineTypes';
import { runPool } from './runPool';
import { objectKeyFor } from './safeObjectName';
import { isTerminal, requireDoc, statFile, toJobInput } from './pipelineHelpers';
import { toCatalogChunk } from './toCatalogChunk';
import { countSize, sizeWorks } from './sizeWorks';
import { ContentGate } from './ContentGate';
import { batchResult, CANCELLED, createBatch, createWork, type Batch, type Work } from './pipelineWork';
import { batchProgress, fileProgress } from './pipelineProgress';
import { singleIndex, type VectorIndexSource } from '../indexing/IndexCache';
import { IndexWriter } from '../indexing/IndexWriter';
import { traceBatch, traceJob, traceStage } from './pipelineTelemetry';
import { LeaseRenewer, settleFailure, stopWaiting } from './LeaseRenewer';
import { childFields, forgetChildJobs, parentOf, spawnAttachmentJobs } from './attachmentJobs';

/**
 * Turns files into searchable documents: admit (stat, size limit) → hash → (skip duplicates) → store → parse → chunk → embed → index.
 * Every file has a job in the catalogue, written before any work, and each stage advances it, so after a crash
 * `resume()` continues where each file stood. Every stage is safe to redo: object keys and chunk ids are stable, so
 * a rerun replaces rather than duplicates. A failing file records its reason and the batch goes on.
 */
export class IngestionPipeline {
  readonly #o: Required<Pick<IngestionPipelineOptions, 'concurrency' | 'batchSize'>> & IngestionPipelineOptions;
  readonly #active = new Map<string, Work>();
  /** Hashes being indexed right now, so two copies in one batch are indexed once. */
  readonly #gate = new ContentGate();
  readonly #indexes: VectorIndexSource;
  readonly #writer: IndexWriter;
  /** Renews the leases of the jobs in #active while any run. */
  readonly #leases: LeaseRenewer;
  #disposed = false;

  constructor(options: IngestionPipelineOptions) {
    this.#o = { concurrency: 2, batchSize: 32, ...options };
    this.#leases = new LeaseRenewer(options.catalog.jobs, this.#active);
    const { vectors } = options;
    this.#indexes = 'upsert' in vectors ? singleIndex(vectors) : vectors;
    this.#writer = new IndexWriter({
      catalog: options.catalog,
      indexes: this.#indexes,
      embed: options.embed,
      batchSize: this.#o.batchSize,
      embeddingVersion: options.embeddingVersion,
      ...(options.embedTimings ? { timings: options.embedTimings } : {}),
    });
  }

  /** Ingests files as one batch; resolves when every file is indexed, failed or cancelled. Never rejects per file. */
  async ingest(inputs: readonly IngestInput[], options: IngestOptions = {}): Promise<BatchResult> {
    this.#assertOpen();
    const batchId = randomUUID();
    // Jobs first, all of them: a crash from here on leaves every file findable by resume().
    const jobs = inputs.map((input) =>
      this.#o.catalog.jobs.create({
        batchId,
        input: toJobInput(input),
      }),
    );
    const names = new Map(jobs.map((job, i) => [job.id, inputs[i]?.name ?? basename(inputs[i]?.path ?? '')]));
    return this.#runBatch(batchId, jobs, names, options);
  }

  /** Continues up to `limit` unfinished jobs it leases first (after a crash, or another replica's that died). */
  async resume(options: Omit<IngestOptions, 'collection'> & { limit?: number } = {}): Promise<BatchResult> {
    this.#assertOpen();
    const jobs = this.#o.catalog.jobs.claim(options.limit).filter((job) => !this.#active.has(job.id));
    return this.#runBatch(randomUUID(), jobs, new Map(), options);
  }

  /** Cancels one job, or every job this pipeline is working on. */
  cancel(jobId?: string): void {
    const ids = jobId === undefined ? [...this.#active.keys()] : [jobId];
    for (const id of ids) {
      const work = this.#active.get(id);
      if (work) {
        work.controller.abort();
        continue;
      }
      const job = this.#o.catalog.jobs.get(id);
      if (!job) throw new HearthError('NOT_FOUND', 'That ingestion job does not exist.', { jobId: id });
      if (!['indexed', 'failed', 'cancelled'].includes(job.stage)) this.#o.catalog.jobs.cancel(id);
    }
  }

  /** Runs a failed or cancelled job again from the start. */
  async retry(jobId: string, options: IngestOptions = {}): Promise<FileResult> {
    this.#assertOpen();
    const job = this.#o.catalog.jobs.retry(jobId);
    const doc = job.documentId ? this.#o.catalog.getDocument(job.documentId) : undefined;
    const names = new Map<string, string>();
    if (doc) names.set(job.id, doc.name);
    const result = await this.#runBatch(job.batchId, [job], names, {
      ...options,
      collection: options.collection ?? doc?.collection ?? undefined,
    });
    return result.files[0] as FileResult;
  }

  /**
   * Deletes a document: its vectors and stored original first, then the catalogue rows, so a crash in between
   * leaves a catalogue entry that can be deleted again rather than vectors or objects nobody knows about.
   */
  async delete(documentId: string): Promise<void> {
    const doc = this.#o.catalog.getDocument(documentId);
    if (!doc) throw new HearthError('NOT_FOUND', 'That document is not in the library.', { documentId });
    for (const work of this.#active.values()) if (work.job.documentId === documentId) work.controller.abort();
    // An email's attachments go first, each as any document goes (their running jobs stopped), leaving no orphans.
    const abort = (id: string): void => this.#active.get(id)?.controller.abort();
    await forgetChildJobs(this.#o.catalog, documentId, this.#o.attachmentsDir, abort);
    for (const child of this.#o.catalog.attachments.children(documentId)) await this.delete(child.id);
    for (const store of this.#indexes.known()) await store.deleteByDocument(documentId);
    if (doc.objectKey) await this.#o.objects.delete(doc.objectKey);
    this.#o.catalog.deleteDocument(documentId);
  }

  /** Stops work in progress; each job stays at the stage it reached, for the next start or another replica. */
  dispose(): void {
    this.#disposed = true;
    this.#leases.stop();
    for (const work of this.#active.values()) work.controller.abort();
  }

  #maxBytes(): number {
    const { maxBytes } = this.#o;
    return typeof maxBytes === 'function' ? maxBytes() : maxBytes;
  }

  #assertOpen(): void {
    if (this.#disposed) throw new HearthError('INTERNAL', 'The ingestion pipeline was disposed.');
  }

  async #runBatch(
    batchId: string,
    jobs: readonly JobRecord[],
    names: ReadonlyMap<string, string>,
    options: IngestOptions,
  ): Promise<BatchResult> {
    const batch = createBatch(batchId, jobs.length, options.onProgress);
    const results = new Map<string, FileResult>();
    const toWork = (job: JobRecord): Work => {
      const work = createWork(job, batch, names.get(job.id), options.collection ?? null);
      this.#active.set(job.id, work);
      return work;
    };
    const works = jobs.map(toWork);
    const all = [...works];
    if (works.length > 0 && !this.#disposed) this.#leases.start();
    // Every file sized first: the first batch event already carries the whole byte total.
    await sizeWorks(works, this.#maxBytes());
    if (works.length > 0) this.#emitBatch(batch);
    const onAbort = (): void => all.forEach((w) => w.controller.abort());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    try {
      // Rounds: the attachments the mails of one round hand back run in the next, under the same batch.
      for (let round = works; round.length > 0;) {
        await traceBatch(round, (finished) =>
          runPool(round, this.#o.concurrency, async (work) => {
            results.set(work.job.id, await traceJob(work, () => this.#runJob(work)));
            this.#active.delete(work.job.id);
            finished();
          }),
        );
        round = batch.children.splice(0).map(toWork);
        all.push(...round);
        await sizeWorks(round, this.#maxBytes());
        if (round.length > 0) this.#emitBatch(batch);
        if (options.signal?.aborted) onAbort();
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of all) this.#active.delete(w.job.id);
      if (this.#active.size === 0) this.#leases.stop();
    }
    return batchResult(batchId, works.length, all, results);
  }

  async #runJob(work: Work): Promise<FileResult> {
    const { catalog } = this.#o;
    let duplicate = false;
    try {
      const current = catalog.jobs.get(work.job.id);
      if (!current) throw new HearthError('NOT_FOUND', 'The ingestion job was deleted.', { jobId: work.job.id });
      work.job = current;
      // A job cancelled while it waited for a worker is not started at all (on a shutdown it stays as it was).
      work.job = stopWaiting(catalog, work, this.#disposed);
      if (!isTerminal(work.job.stage)) work.job = catalog.jobs.beginAttempt(work.job.id);
      if (!isTerminal(work.job.stage)) work.path = (await this.#o.localInput?.(work.job)) ?? work.path;
      while (!isTerminal(work.job.stage)) {
        if (work.controller.signal.aborted) throw new HearthError('CANCELLED', CANCELLED.message);
        const next = await traceStage(work.job.stage, () => this.#step(work));
        if (next.duplicate) duplicate = true;
        if (!next.advanced) {
          work.job = catalog.jobs.advance(work.job.id, next.to, {
            expectedFrom: work.job.stage,
            documentId: next.documentId,
          });
        }
        this.#emitFile(work, { duplicate });
      }
    } catch (error) {
      settleFailure(catalog, work, error, this.#disposed);
    }
    const result: FileResult = {
      jobId: work.job.id,
      name: work.name,
      documentId: work.job.documentId,
      stage: work.job.stage,
      ...(work.job.error ? { error: work.job.error } : {}),
      ...(duplicate ? { duplicate } : {}),
      ...(parentOf(work.job) ? { parentId: parentOf(work.job) as string } : {}),
    };
    this.#finishFile(work);
    return result;
  }

  /** Does the work of the job's current stage and says where it goes next. */
  async #step(work: Work): Promise<{ to: JobStage; documentId?: string; duplicate?: boolean; advanced?: boolean }> {
    const { catalog } = this.#o;
    const signal = work.controller.signal;
    const docId = work.job.documentId;
    switch (work.job.stage) {
      case 'queued': {
        // Cheap checks before reading a byte: still inside the folder it was found in, size limit, regular file
        // (parseFile repeats the last two when it reads).
        const { input } = work.job;
        if (input.kind === 'path' && input.root) await assertWithinRoot(work.path, input.root);
        countSize(work, admitFile(await statFile(work.path), this.#maxBytes()));
        return { to: 'admitted' };
      }
      case 'admitted': {
        // Resumed at this stage and sized as 0 (unreadable then): the size was not kept in memory.
        if (work.size === 0) countSize(work, (await statFile(work.path)).size);
        const sha256 = await hashFile(work.path, {
          signal,
          onBytes: (bytes) => this.#emitFile(work, { bytes }),
        });
        const claim = await this.#gate.claim(sha256, (sha) => catalog.findIndexedBySha256(sha));
        if ('release' in claim) work.release = claim.release;
        const existing = 'existing' in claim ? claim.existing : undefined;
        if (existing && existing.id !== work.job.id) {
          // A crash after an earlier attempt created this job's own document, but before the job moved on,
          // leaves that row behind with no object or chunks yet: drop it, or it stays "indexing" forever.
          if (catalog.getDocument(work.job.id)?.status === 'indexing') catalog.deleteDocument(work.job.id);
          // Linked to the indexed document; the hashed stage then takes the hashed → indexed shortcut.
          return { to: 'hashed', documentId: existing.id, duplicate: true };
        }
        // The job id doubles as the document id, so a crash right after creating it leaves nothing orphaned:
        // the resumed job finds its own document again.
        const id = work.job.id;
        const patch = { sha256, size: work.size, status: 'indexing' as const, error: null };
        if (catalog.getDocument(id)) catalog.updateDocument(id, patch);
        else
          catalog.createDocument({
            id,
            name: work.name,
            sourcePath: work.job.input.kind === 'path' ? work.path : null,
            sha256,
            size: work.size,
            collection: work.collection,
            status: 'indexing',
            // An attachment joins its mail's collection and points at the mail (the row goes when the mail goes).
            ...childFields(catalog, work.job),
          });
        return { to: 'hashed', documentId: id };
      }
      case 'hashed': {
        const doc = requireDoc(catalog, docId);
        // A job linked to a document it did not create is a duplicate of already indexed content.
        if (doc.id !== work.job.id) return { to: 'indexed', duplicate: true };
        const key = objectKeyFor(doc.id, doc.version, doc.name);
        await this.#o.objects.upload(key, work.path, {
          signal,
          tags: { sha256: doc.sha256 ?? '', embedding_version: String(this.#o.embeddingVersion) },
        });
        catalog.updateDocument(doc.id, { objectKey: key });
        return { to: 'stored' };
      }
      case 'stored': {
        await this.#parse(work);
        return { to: 'parsed' };
      }
      case 'parsed': {
        // The parse result lives only in memory: after a resume at this stage, parse again (it is pure).
        if (!work.parsed) await this.#parse(work);
        const doc = requireDoc(catalog, docId);
        const chunks = await this.#o.chunk(work.parsed as ParsedDocument, {
          chunkTokens: this.#o.chunkTokens,
          overlapTokens: this.#o.overlapTokens,
        });
        if (chunks.length === 0) throw new HearthError('UNSUPPORTED_FILE', 'The file holds no text to index.');
        // Stable ids (<doc>:<version>:<ordinal>) make the vector upsert below replace on a rerun.
        catalog.replaceChunks(doc.id, doc.version, chunks.map(toCatalogChunk));
        await this.#spawnAttachments(work, doc);
        work.chunks = chunks.length;
        work.parsed = undefined;
        return { to: 'chunked' };
      }
      case 'chunked': {
        const doc = requireDoc(catalog, docId);
        const written = await this.#writer.write(doc, { version: this.#o.embeddingVersion }, work.controller.signal);
        work.chunks = written.passages;
        return { to: 'embedded' };
      }
      case 'embedded': {
        const doc = requireDoc(catalog, docId);
        const other = doc.sha256 ? catalog.findIndexedBySha256(doc.sha256) : undefined;
        if (other && other.id !== doc.id) {
          // The same content was indexed meanwhile by another job (the file added again while this one was being
          // resumed): this copy goes. Vectors and original first (idempotent), then job and rows in one commit.
          for (const store of this.#indexes.known()) await store.deleteByDocument(doc.id);
          if (doc.objectKey) await this.#o.objects.delete(doc.objectKey);
          work.job = catalog.transaction(() => {
            const job = catalog.jobs.advance(work.job.id, 'indexed', {
              expectedFrom: 'embedded',
              documentId: other.id,
            });
            catalog.deleteDocument(doc.id);
            return job;
          });
          return { to: 'indexed', documentId: other.id, duplicate: true, advanced: true };
        }
        catalog.updateDocument(doc.id, {
          status: 'indexed',
          embeddingVersion: this.#o.embeddingVersion,
          error: null,
        });
        return { to: 'indexed' };
      }
      default:
        throw new HearthError('INTERNAL', `No work is defined for stage "${work.job.stage}".`);
    }
  }

  /** Gives an email's attachments jobs of their own in this batch; an older version's children go. */
  async #spawnAttachments(work: Work, parent: DocumentRecord): Promise<void> {
    const dir = this.#o.attachmentsDir;
    const parsed = work.parsed;
    if (!dir || !parsed?.skippedAttachments) return;
    const remove = (id: string): Promise<void> => this.delete(id);
    const batchId = work.batch.id;
    const created = await spawnAttachmentJobs({ catalog: this.#o.catalog, dir, batchId, parent, parsed, remove });
    work.batch.children.push(...created);
    work.batch.files += created.length;
    this.#emitBatch(work.batch);
  }

  /** A revised email's attachments: jobs for the new version's (run by the next `resume`); the old version's go. */
  async adoptAttachments(parentId: string, parsed: ParsedDocument): Promise<void> {
    const { catalog, attachmentsDir: dir } = this.#o;
    const parent = catalog.getDocument(parentId);
    if (!dir || !parent || !parsed.skippedAttachments) return;
    const remove = (id: string): Promise<void> => this.delete(id);
    await spawnAttachmentJobs({ catalog, dir, batchId: randomUUID(), parent, parsed, remove });
  }

  async #parse(work: Work): Promise<void> {
    const doc = requireDoc(this.#o.catalog, work.job.documentId);
    // An attachment's own attachments (a mail forwarded as a file) stay inline: one level of children at most.
    const separate = this.#o.attachmentsDir !== undefined && parentOf(work.job) === null;
    work.parsed = await this.#o.parse(work.path, {
      maxBytes: this.#maxBytes(),
      signal: work.controller.signal,
      name: work.name,
      ...(separate ? { attachmentsAsDocuments: true } : {}),
      ...(this.#o.parseTimeoutMs ? { timeoutMs: this.#o.parseTimeoutMs } : {}),
      onProgress: (ocr) => this.#emitFile(work, { ocr }),
    });
    if (doc.type !== work.parsed.type) this.#o.catalog.updateDocument(doc.id, { type: work.parsed.type });
  }

  #finishFile(work: Work): void {
    work.release?.();
    const b = work.batch;
    if (work.job.stage === 'indexed') b.done++;
    else if (work.job.stage === 'cancelled') b.cancelled++;
    else b.failed++;
    // Done bytes are indexed bytes: a cancelled or failed file's stay in the total, never counted as done.
    if (work.job.stage === 'indexed') b.bytes += work.size;
    this.#emitFile(work, {});
    this.#emitBatch(b);
  }

  /** Totals of the batch; also sent once at the start, so clients see the queued files before any finishes. */
  #emitBatch(b: Batch): void {
    b.onProgress?.(batchProgress(b));
  }

  #emitFile(work: Work, extra: Parameters<typeof fileProgress>[1]): void {
    work.batch.onProgress?.(fileProgress(work, extra));
  }
}
