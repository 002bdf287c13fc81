import { HearthError } from '../../../shared/errors';
import type { IndexKey, VectorChunk, VectorStore } from '../../vectors/VectorStore';
import type { Catalog } from '../catalog/Catalog';
import type { ChunkRecord, DocumentRecord } from '../catalog/catalogTypes';
import type { EmbedTimings } from '../catalog/EmbedTimings';
import type { IndexRecord } from '../catalog/VectorIndexes';
import type { EmbedResult } from '../pipeline/pipelineTypes';
import { provenanceMetadata } from '../pipeline/toCatalogChunk';
import type { VectorIndexSource } from './IndexCache';

/** Embeds texts with a given model (the runtime's `modelId`), or with the default one when none is named. */
export type ModelEmbedFn = (texts: string[], signal: AbortSignal, modelId?: string) => Promise<EmbedResult>;

/** Which index to write: a model (default: the default embedding model) and an embedding version. */
export interface IndexTarget {
  model?: string;
  version: number;
  /** When known (an existing index), vectors of another length are refused rather than mixed in. */
  dimensions?: number;
}

/** What a write did: the index written (null when the document has no passages) and how many passages. */
export interface WriteResult {
  index: IndexKey | null;
  passages: number;
}

/** The catalogue reads the writer makes. */
type WriterCatalog = Pick<Catalog, 'listChunks' | 'getDocument'>;

/** Options for the index writer. */
export interface IndexWriterOptions {
  catalog: WriterCatalog;
  /** Embeds passages; a plain embedder (no model argument) suits writers that only target the default model. */
  embed: ModelEmbedFn;
  /** The opened indexes (the library's one `IndexCache`). */
  indexes: VectorIndexSource;
  /** The embedding version of the default model's index. */
  embeddingVersion: number;
  /** The index search uses now (the catalogue's active index), kept current by `writeCurrent` beside the default. */
  activeIndex?: () => IndexRecord | null;
  /** Chunks per embedding call (default 32). */
  batchSize?: number;
  /** Times each batch, so a re-embed can be estimated (the catalogue's `embedTimings`); untimed without it. */
  timings?: Pick<EmbedTimings, 'measure'>;
}

/**
 * The one owner of "write these passages' vectors to an index": embeds a document's catalogued chunks in batches
 * and upserts them under the stable chunk ids. Used by the ingestion pipeline (the default model's index), by the
 * living library (the active index while a new model's index is built, after a collection change or a revision)
 * and by the re-embedder (the index being built).
 */
export class IndexWriter {
  constructor(private readonly o: IndexWriterOptions) {}

  /**
   * Writes the document into one index, replacing its vectors there (an interrupted earlier run, another version):
   * they are deleted once the index is known, before the first upsert. Safe to redo: ids are stable.
   */
  async write(doc: DocumentRecord, target: IndexTarget, signal: AbortSignal): Promise<WriteResult> {
    let index: IndexKey | null = null;
    const items = this.o.catalog.listChunks(doc.id).map((chunk) => ({ doc, chunk }));
    await this.#writeBatches(items, target, signal, async (store) => {
      index = store.key;
      await store.deleteByDocument(doc.id);
    });
    return { index, passages: items.length };
  }

  /**
   * Writes several documents' chunks into one index in few calls: texts are embedded in batches across documents and
   * each batch is upserted at once. Nothing is deleted first: the chunk ids are stable, so writing again (a resumed
   * re-embed) overwrites. Only for an index the documents' current chunks go into whole, such as a re-embed target.
   */
  async writeMany(docs: readonly DocumentRecord[], target: IndexTarget, signal: AbortSignal): Promise<void> {
    const { catalog } = this.o;
    const items = docs.flatMap((doc) => catalog.listChunks(doc.id).map((chunk) => ({ doc, chunk })));
    // A document deleted or revised while its group was embedding must not get its old chunks back in the index.
    const current = (doc: DocumentRecord): boolean => {
      const now = catalog.getDocument(doc.id);
      return now?.status === 'indexed' && now.version === doc.version;
    };
    await this.#writeBatches(items, target, signal, async () => undefined, current);
  }

  /**
   * Writes the document into every index search may use now — the default model's and the active one — and
   * removes it from every other known index, where its vectors would be of an older version.
   */
  async writeCurrent(doc: DocumentRecord, signal: AbortSignal): Promise<void> {
    const written = new Set<string>();
    const first = await this.write(doc, { version: this.o.embeddingVersion }, signal);
    if (first.index) written.add(this.o.indexes.get(first.index).name);
    const active = this.o.activeIndex?.();
    if (active && !written.has(active.name)) {
      await this.write(doc, active, signal);
      written.add(active.name);
    }
    for (const store of this.o.indexes.known()) {
      if (!written.has(store.name)) await store.deleteByDocument(doc.id);
    }
  }

  /** Embeds and upserts `items` in batches; `opened` runs once, before the first upsert, with the index written. */
  async #writeBatches(
    items: readonly { doc: DocumentRecord; chunk: ChunkRecord }[],
    target: IndexTarget,
    signal: AbortSignal,
    opened: (store: VectorStore) => Promise<void>,
    current: (doc: DocumentRecord) => boolean = () => true,
  ): Promise<void> {
    const size = this.o.batchSize ?? 32;
    let store: VectorStore | undefined;
    for (let i = 0; i < items.length; i += size) {
      if (signal.aborted) throw new HearthError('CANCELLED', 'Writing vectors was cancelled.');
      const slice = items.slice(i, i + size);
      const texts = slice.map((item) => item.chunk.text);
      const embed = () => this.o.embed(texts, signal, target.model);
      const { vectors, model } = await (this.o.timings ? this.o.timings.measure(texts.length, embed) : embed());
      if (vectors.length !== slice.length) {
        throw new HearthError('INTERNAL', 'The embedding model returned the wrong number of vectors.');
      }
      const dimensions = vectors[0]?.length ?? 0;
      // The runtime may answer with another model when the one asked for is gone: never mix it into this index.
      if ((target.model && model !== target.model) || (target.dimensions && dimensions !== target.dimensions)) {
        throw new HearthError('MODEL_UNAVAILABLE', `The embedding model "${target.model ?? model}" is not available.`);
      }
      if (!store) {
        store = this.o.indexes.get({ model, version: target.version, dimensions });
        await opened(store);
      }
      const chunks = slice.flatMap(({ doc, chunk }, k) =>
        current(doc) ? [toVectorChunk(doc, chunk, vectors[k]!)] : [],
      );
      if (chunks.length > 0) await store.upsert(chunks);
    }
  }
}

/** A catalogued chunk as the vector store keeps it: text, provenance and collection for filters. */
function toVectorChunk(doc: DocumentRecord, chunk: ChunkRecord, vector: Float32Array | number[]): VectorChunk {
  return {
    id: chunk.id,
    documentId: doc.id,
    vector,
    text: chunk.text,
    metadata: {
      ordinal: chunk.ordinal,
      ...(doc.collection ? { collection: doc.collection } : {}),
      ...provenanceMetadata(chunk.provenance),
    },
  };
}
