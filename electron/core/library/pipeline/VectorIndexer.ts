import { HearthError } from '../../../shared/errors';
import type { IndexKey, VectorStore } from '../../vectors/VectorStore';
import type { DocumentRecord } from '../catalog/catalogTypes';
import type { EmbedFn, PipelineCatalog, VectorStoreSource } from './pipelineTypes';
import { provenanceMetadata } from './toCatalogChunk';

/** What the indexer needs. */
export interface VectorIndexerOptions {
  catalog: PipelineCatalog;
  /** One vector store, or a function picking the store for an index key. */
  vectors: VectorStoreSource;
  embed: EmbedFn;
  /** Chunks per embedding call. */
  batchSize: number;
  /** Part of the index key, with the embedding model and dimensions. */
  embeddingVersion: number;
}

/** Embeds a document's catalogued chunks in batches and upserts them under the catalogue's chunk ids. */
export class VectorIndexer {
  readonly #stores = new Map<string, VectorStore>();

  constructor(private readonly o: VectorIndexerOptions) {}

  /** Indexes every chunk of the document; returns how many. Safe to redo: ids are stable and old vectors go first. */
  async index(doc: DocumentRecord, signal: AbortSignal): Promise<number> {
    const chunks = this.o.catalog.listChunks(doc.id);
    let cleared = false;
    for (let i = 0; i < chunks.length; i += this.o.batchSize) {
      const slice = chunks.slice(i, i + this.o.batchSize);
      const { vectors, model } = await this.o.embed(
        slice.map((c) => c.text),
        signal,
      );
      if (vectors.length !== slice.length) {
        throw new HearthError('INTERNAL', 'The embedding model returned the wrong number of vectors.');
      }
      const store = this.#storeFor({ model, version: this.o.embeddingVersion, dimensions: vectors[0]?.length ?? 0 });
      // Vectors left by an interrupted earlier run (possibly an older version's ids) go before new ones land.
      if (!cleared) {
        await store.deleteByDocument(doc.id);
        cleared = true;
      }
      await store.upsert(
        slice.map((c, k) => ({
          id: c.id,
          documentId: doc.id,
          vector: vectors[k] as Float32Array | number[],
          text: c.text,
          metadata: {
            ordinal: c.ordinal,
            ...(doc.collection ? { collection: doc.collection } : {}),
            ...provenanceMetadata(c.provenance),
          },
        })),
      );
    }
    return chunks.length;
  }

  /** Stores a document's vectors may be in: the fixed store, or every index opened so far. */
  knownStores(): VectorStore[] {
    const source = this.o.vectors;
    return typeof source === 'function' ? [...this.#stores.values()] : [source];
  }

  /** Forgets an index that was dropped, so no later delete reopens (and so re-creates) it. */
  forget(key: IndexKey): void {
    this.#stores.delete(`${key.model}|${key.version}|${key.dimensions}`);
  }

  #storeFor(key: IndexKey): VectorStore {
    const source = this.o.vectors;
    if (typeof source !== 'function') return source;
    const id = `${key.model}|${key.version}|${key.dimensions}`;
    let store = this.#stores.get(id);
    if (!store) {
      store = source(key);
      this.#stores.set(id, store);
    }
    return store;
  }
}
