import type { IndexKey, QueryOptions, VectorChunk, VectorMatch, VectorStore } from '../../vectors/VectorStore';
import { indexName } from '../../vectors/indexName';

/**
 * A VectorStore that opens its backend index on first use. The pipeline picks stores synchronously by index key,
 * while opening one is a network call (Chroma collection, PostgreSQL table); a failed open is retried next time,
 * so a sidecar that comes back after a restart is picked up.
 */
export class LazyVectorStore implements VectorStore {
  readonly key: IndexKey;
  readonly name: string;
  #store: Promise<VectorStore> | null = null;

  constructor(
    key: IndexKey,
    private readonly open: (key: IndexKey) => Promise<VectorStore>,
  ) {
    this.key = { ...key };
    this.name = indexName(key);
  }

  #get(): Promise<VectorStore> {
    if (!this.#store) {
      this.#store = this.open(this.key);
      this.#store.catch(() => {
        this.#store = null;
      });
    }
    return this.#store;
  }

  async upsert(chunks: readonly VectorChunk[]): Promise<void> {
    return (await this.#get()).upsert(chunks);
  }
  async deleteByDocument(documentId: string): Promise<void> {
    return (await this.#get()).deleteByDocument(documentId);
  }
  async query(vector: Float32Array | number[], options: QueryOptions): Promise<VectorMatch[]> {
    return (await this.#get()).query(vector, options);
  }
  async count(): Promise<number> {
    return (await this.#get()).count();
  }
  async page(offset: number, limit: number): Promise<VectorChunk[]> {
    return (await this.#get()).page(offset, limit);
  }
  async drop(): Promise<void> {
    return (await this.#get()).drop();
  }
  async dispose(): Promise<void> {
    const store = this.#store;
    this.#store = null;
    await store?.then((s) => s.dispose()).catch(() => undefined);
  }
}
