import { HearthError } from '../../../shared/errors';
import type { IndexKey, VectorChunk, VectorStore } from '../../vectors/VectorStore';
import { indexName } from '../../vectors/indexName';
import type { Catalog } from '../catalog/Catalog';
import type { ChunkRecord, DocumentRecord } from '../catalog/catalogTypes';
import type { EmbedResult } from '../pipeline/pipelineTypes';
import { provenanceMetadata } from '../pipeline/toCatalogChunk';

/** Embeds texts with a given model (the runtime's `modelId`), or with the default one when none is named. */
export type ModelEmbedFn = (texts: string[], signal: AbortSignal, modelId?: string) => Promise<EmbedResult>;

/** Which index to write: a model (default: the default embedding model) and an embedding version. */
export interface IndexTarget {
  model?: string;
  version: number;
  /** When known (an existing index), vectors of another length are refused rather than mixed in. */
  dimensions?: number;
}

/** Options for the index writer. */
export interface IndexWriterOptions {
  catalog: Catalog;
  embed: ModelEmbedFn;
  /** The vector index for a key (recorded in the catalogue on first use: `Library.indexFor`). */
  index: (key: IndexKey) => VectorStore;
  /** The embedding version of the default model's index. */
  embeddingVersion: number;
  /** Chunks per embedding call (default 32). */
  batchSize?: number;
}

/**
 * Writes a document's catalogued chunks into vector indexes other than the pipeline's: the active index while a new
 * model's index is being built, an index being re-embedded, or both after a collection change. Each write replaces
 * the document's vectors in that index (delete, then upsert under the stable chunk ids).
 */
export class IndexWriter {
  constructor(private readonly o: IndexWriterOptions) {}

  /** Writes the document into one index; returns its key, or null when the document has no chunks. */
  async write(doc: DocumentRecord, target: IndexTarget, signal: AbortSignal): Promise<IndexKey | null> {
    let key: IndexKey | null = null;
    await this.#writeBatches(
      this.o.catalog.listChunks(doc.id).map((chunk) => ({ doc, chunk })),
      target,
      signal,
      async (store) => {
        key = store.key;
        // Replaces: the document's old chunks (another version) must not stay beside the new ones.
        await store.deleteByDocument(doc.id);
      },
    );
    return key;
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
      const { vectors, model } = await this.o.embed(
        slice.map((item) => item.chunk.text),
        signal,
        target.model,
      );
      if (vectors.length !== slice.length) {
        throw new HearthError('INTERNAL', 'The embedding model returned the wrong number of vectors.');
      }
      const dimensions = vectors[0]?.length ?? 0;
      // The runtime may answer with another model when the one asked for is gone: never mix it into this index.
      if ((target.model && model !== target.model) || (target.dimensions && dimensions !== target.dimensions)) {
        throw new HearthError('MODEL_UNAVAILABLE', `The embedding model "${target.model ?? model}" is not available.`);
      }
      if (!store) {
        store = this.o.index({ model, version: target.version, dimensions });
        await opened(store);
      }
      const chunks = slice.flatMap(({ doc, chunk }, k) =>
        current(doc) ? [toVectorChunk(doc, chunk, vectors[k]!)] : [],
      );
      if (chunks.length > 0) await store.upsert(chunks);
    }
  }

  /**
   * Writes the document into every index search may use now — the default model's and the active one — and
   * removes it from every other recorded index, where its vectors would be of an older version.
   */
  async writeCurrent(doc: DocumentRecord, signal: AbortSignal): Promise<void> {
    const written = new Set<string>();
    const first = await this.write(doc, { version: this.o.embeddingVersion }, signal);
    if (first) written.add(indexName(first));
    const active = this.o.catalog.indexes.active();
    if (active && !written.has(active.name)) {
      await this.write(doc, active, signal);
      written.add(active.name);
    }
    for (const record of this.o.catalog.indexes.list()) {
      if (!written.has(record.name)) await this.o.index(record).deleteByDocument(doc.id);
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
