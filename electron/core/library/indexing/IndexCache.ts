import type { IndexKey, VectorStore } from '../../vectors/VectorStore';
import { indexName } from '../../vectors/indexName';
import type { VectorIndexes } from '../catalog/VectorIndexes';
import { LazyVectorStore } from './LazyVectorStore';

/** Where vectors go: the index for a key, and every index that may hold a document's vectors. */
export interface VectorIndexSource {
  /** The index for a key, opened when first used. */
  get(key: IndexKey): VectorStore;
  /** Every index a document's vectors may be in (so a delete reaches indexes not opened yet). */
  known(): VectorStore[];
}

/** Options for the index cache. */
export interface IndexCacheOptions {
  /** The catalogue's index table: each index is recorded before its first vector, and forgotten when dropped. */
  indexes: Pick<VectorIndexes, 'record' | 'list' | 'remove'>;
  /** Opens an index in its backend (a Chroma collection, a PostgreSQL table). */
  open: (key: IndexKey) => Promise<VectorStore>;
}

/**
 * The one cache of opened vector indexes, keyed by index name, shared by the pipeline, the living library, the
 * re-embedder and the retriever: so a dropped index is forgotten in one place and no later write or delete reopens
 * (and so re-creates) it.
 */
export class IndexCache implements VectorIndexSource {
  readonly #stores = new Map<string, LazyVectorStore>();

  constructor(private readonly o: IndexCacheOptions) {}

  /** The index a key names, recorded in the catalogue first so deletes reach it after a restart. */
  get(key: IndexKey): VectorStore {
    const name = indexName(key);
    let store = this.#stores.get(name);
    if (!store) {
      this.o.indexes.record(key);
      store = new LazyVectorStore(key, this.o.open);
      this.#stores.set(name, store);
    }
    return store;
  }

  /** Every index recorded in the catalogue. */
  known(): VectorStore[] {
    return this.o.indexes.list().map((key) => this.get(key));
  }

  /** Deletes an index from its backend and forgets it; a later write to the same key starts a new one. */
  async drop(key: IndexKey): Promise<void> {
    const name = indexName(key);
    const store = this.get(key);
    await store.drop();
    this.#stores.delete(name);
    this.o.indexes.remove(name);
    await store.dispose();
  }

  /** Closes every opened index's connection. */
  async dispose(): Promise<void> {
    const stores = [...this.#stores.values()];
    this.#stores.clear();
    await Promise.all(stores.map((s) => s.dispose()));
  }
}

/** A source with one fixed index (tests, tools): every key maps to it. */
export function singleIndex(store: VectorStore): VectorIndexSource {
  return { get: () => store, known: () => [store] };
}
