import type { Logger } from 'pino';
import { HearthError } from '../../../shared/errors';
import type { Catalog } from '../catalog/Catalog';
import type { StoredError } from '../catalog/catalogTypes';
import type { VersionOrigin } from '../catalog/DocumentVersions';
import { admitFile } from '../parse/admitFile';
import { hashFile } from '../pipeline/hashFile';
import { statFile, toStoredError } from '../pipeline/pipelineHelpers';
import type { ChunkFn, ParseFn } from '../pipeline/pipelineTypes';
import type { ParsedDocument } from '../parse/ParsedDocument';
import { objectKeyFor } from '../pipeline/safeObjectName';
import { toCatalogChunk } from '../pipeline/toCatalogChunk';
import type { IndexWriter } from '../indexing/IndexWriter';

/** The object-store calls a revision makes; `ObjectStore` satisfies it. */
interface RevisionObjects {
  upload(
    key: string,
    filePath: string,
    options: { signal?: AbortSignal; tags?: Record<string, string> },
  ): Promise<{ etag: string }>;
  delete(key: string): Promise<void>;
}

/** Options for the reviser. */
export interface DocumentReviserOptions {
  catalog: Catalog;
  objects: () => Promise<RevisionObjects>;
  writer: IndexWriter;
  parse: ParseFn;
  chunk: ChunkFn;
  /** The per-file size limit, read at each revision. */
  maxBytes: () => number;
  /** Tagged on objects and recorded on documents. */
  embeddingVersion: number;
  logger: Logger;
  /**
   * Set, a revised email (a file of its own, not an attachment) is parsed with its attachments as documents, and
   * this hands them over once the new version is current, so they replace the mail's children.
   */
  attachments?: (documentId: string, parsed: ParsedDocument) => Promise<void>;
}

/** How a revision ended. */
export type RevisionResult =
  | { kind: 'unchanged' }
  | { kind: 'revised'; version: number }
  /** The new content is already indexed as another document. */
  | { kind: 'duplicate'; of: string }
  /** The new content could not be indexed; the document keeps its previous version. */
  | { kind: 'failed'; error: StoredError };

/**
 * Replaces an indexed document's content with a new version — a watched file edited, or its object replaced in the
 * bucket. The new original goes under a new key (`documents/<id>/<version>/…`), is parsed and chunked, then chunks,
 * keyword rows and the document commit in one transaction (status `embedding`), then vectors are written and the
 * old original deleted (status `current`). A crash before the commit is rolled back at start (the document keeps its
 * old version); after it, rolled forward. Revisions run one at a time.
 */
export class DocumentReviser {
  #tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: DocumentReviserOptions) {}

  /** Revises a document from the file at `path` (its content hash may be passed when already known). */
  revise(
    documentId: string,
    path: string,
    origin: Exclude<VersionOrigin, 'ingest'>,
    options: { signal: AbortSignal; sha256?: string; name?: string },
  ): Promise<RevisionResult> {
    return this.#serial(() => this.#revise(documentId, path, origin, options));
  }

  /** Finishes or undoes revisions a crash interrupted; called once at start. */
  recover(signal: AbortSignal): Promise<void> {
    return this.#serial(async () => {
      for (const row of this.o.catalog.versions.inFlight()) {
        if (signal.aborted) return;
        try {
          if (row.status === 'pending') await this.#rollBack(row.documentId, row.version, row.objectKey);
          else await this.#finish(row.documentId, row.version, signal);
        } catch (error) {
          this.o.logger.warn({ err: error, documentId: row.documentId }, 'could not recover a document revision');
        }
      }
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task, task);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #revise(
    documentId: string,
    path: string,
    origin: Exclude<VersionOrigin, 'ingest'>,
    options: { signal: AbortSignal; sha256?: string; name?: string },
  ): Promise<RevisionResult> {
    const { catalog, embeddingVersion } = this.o;
    const { signal } = options;
    const doc = catalog.getDocument(documentId);
    if (doc?.status !== 'indexed') throw new HearthError('NOT_FOUND', 'That document is not indexed.');
    let size: number;
    let sha256: string;
    try {
      size = admitFile(await statFile(path), this.o.maxBytes());
      sha256 = options.sha256 ?? (await hashFile(path, { signal }));
    } catch (error) {
      return { kind: 'failed', error: toStoredError(error) };
    }
    if (sha256 === doc.sha256) return { kind: 'unchanged' };
    const other = catalog.findIndexedBySha256(sha256);
    if (other && other.id !== doc.id) return { kind: 'duplicate', of: other.id };

    const version = catalog.versions.latest(doc.id) + 1;
    const name = options.name ?? doc.name;
    const key = objectKeyFor(doc.id, version, name);
    catalog.versions.recordCurrent(doc);
    catalog.versions.begin({ documentId: doc.id, version, sha256, size, objectKey: key, origin });
    const separate = this.o.attachments !== undefined && doc.parentId === null;
    let parsed: ParsedDocument;
    try {
      const objects = await this.o.objects();
      const uploaded = await objects.upload(key, path, {
        signal,
        tags: { sha256, embedding_version: String(embeddingVersion) },
      });
      catalog.versions.setEtag(doc.id, version, uploaded.etag);
      parsed = await this.o.parse(path, {
        maxBytes: this.o.maxBytes(),
        signal,
        name,
        attachmentsAsDocuments: separate,
      });
      const chunks = await this.o.chunk(parsed);
      if (chunks.length === 0) throw new HearthError('UNSUPPORTED_FILE', 'The file holds no text to index.');
      catalog.transaction(() => {
        catalog.replaceChunks(doc.id, version, chunks.map(toCatalogChunk));
        catalog.updateDocument(doc.id, {
          name,
          sha256,
          size,
          type: parsed.type,
          objectKey: key,
          embeddingVersion,
          status: 'indexed',
          error: null,
        });
        catalog.versions.setStatus(doc.id, version, 'embedding');
      });
    } catch (error) {
      await this.#rollBack(doc.id, version, key).catch((e: unknown) =>
        this.o.logger.warn({ err: e, documentId: doc.id }, 'could not undo a failed revision; will retry at start'),
      );
      if (signal.aborted) throw new HearthError('CANCELLED', 'The revision was cancelled.');
      return { kind: 'failed', error: toStoredError(error) };
    }
    await this.#finish(doc.id, version, signal);
    if (separate) await this.o.attachments?.(doc.id, parsed);
    return { kind: 'revised', version };
  }

  /** Undoes an uncommitted revision: its object and its row go; the document never changed. */
  async #rollBack(documentId: string, version: number, key: string | null): Promise<void> {
    const current = this.o.catalog.getDocument(documentId);
    if (key && key !== current?.objectKey) await (await this.o.objects()).delete(key);
    this.o.catalog.versions.remove(documentId, version);
  }

  /** Writes the committed version's vectors, then deletes the originals of older versions. */
  async #finish(documentId: string, version: number, signal: AbortSignal): Promise<void> {
    const { catalog } = this.o;
    const doc = catalog.getDocument(documentId);
    if (!doc) return;
    await this.o.writer.writeCurrent(doc, signal);
    catalog.transaction(() => catalog.versions.setStatus(documentId, version, 'current'));
    const objects = await this.o.objects();
    for (const old of catalog.versions.list(documentId)) {
      if (old.status !== 'superseded' || !old.objectKey || old.objectKey === doc.objectKey) continue;
      await objects.delete(old.objectKey);
      catalog.versions.forgetObject(documentId, old.version);
    }
  }
}
