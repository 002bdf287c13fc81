/**
 * Which index a vector belongs to. Each embedding model and `embedding_version` gets its own index, because models
 * differ in dimensions and vectors from two models are not comparable.
 */
export interface IndexKey {
  /** Embedding model id, e.g. "nomic-embed-text-v1.5.Q8_0". */
  model: string;
  /** The library's `embedding_version`: bumped when chunking or embedding changes so old vectors are not mixed in. */
  version: number;
  /** Length of every vector in this index. */
  dimensions: number;
}

/** A metadata value: the scalar types both Chroma and PostgreSQL jsonb compare exactly. */
export type MetadataValue = string | number | boolean;

/** One chunk to store. */
export interface VectorChunk {
  /** Unique within the index; upserting the same id again replaces the chunk. */
  id: string;
  /** The document the chunk came from; `deleteByDocument` removes by it. */
  documentId: string;
  /** The embedding; must have `IndexKey.dimensions` finite entries and a non-zero norm. */
  vector: Float32Array | number[];
  /** The chunk's text, returned with matches so callers need not look it up. */
  text?: string;
  /**
   * Anything to filter on or show later (page, lines, collection…). `collection` (a string) is the library's
   * collection; `documentId` is reserved.
   */
  metadata: Record<string, MetadataValue>;
}

/** Equality filters, all of which must hold; an array means "any of these". */
export type VectorFilter = {
  /** Only chunks of this document (or these documents). */
  documentId?: string | string[];
  /** Only chunks whose `metadata.collection` is this (or one of these). */
  collection?: string | string[];
} & {
  /** Equality on any other metadata key. */
  [key: string]: MetadataValue | MetadataValue[] | undefined;
};

/** Options for `VectorStore.query`. */
export interface QueryOptions {
  /** How many matches to return at most (1–1000). */
  topK: number;
  /** Restricts the candidates before ranking. */
  filter?: VectorFilter;
  /**
   * The caller needs only `id` and `score` (hybrid search hydrates passages from the catalogue): a backend may leave
   * `documentId` empty and `metadata` and `text` out. Chroma then skips reading them (~40 % of a query at 30k).
   */
  scoresOnly?: boolean;
}

/** One result of `VectorStore.query`. */
export interface VectorMatch {
  id: string;
  documentId: string;
  /** Cosine similarity to the query, in [-1, 1]; higher is better. */
  score: number;
  metadata: Record<string, MetadataValue>;
  text?: string;
}

/**
 * One vector index (one `IndexKey`) in some backend. Implementations: ChromaVectorStore (the embedded default, a
 * Chroma server under the supervisor) and PgVectorStore (PostgreSQL + pgvector, for scale).
 *
 * Errors are HearthErrors: INVALID_INPUT for bad vectors or filters, SIDECAR_DOWN when the local Chroma server is not
 * answering, REMOTE_UNAVAILABLE when PostgreSQL cannot be reached, INTERNAL for anything else.
 */
export interface VectorStore {
  /** The index this store reads and writes. */
  readonly key: IndexKey;
  /** The backend's collection or table name (see indexName). */
  readonly name: string;
  /** Inserts or replaces chunks by id. Not atomic across batches, but idempotent: retrying after a failure is safe. */
  upsert(chunks: readonly VectorChunk[]): Promise<void>;
  /** Removes every chunk of a document; returns nothing so it is cheap on both backends. */
  deleteByDocument(documentId: string): Promise<void>;
  /** The `topK` nearest chunks by cosine similarity, best first. */
  query(vector: Float32Array | number[], options: QueryOptions): Promise<VectorMatch[]>;
  /** Number of chunks in the index. */
  count(): Promise<number>;
  /**
   * Up to `limit` chunks from `offset` in the backend's stable order, vectors and text included: how a backup
   * exports an index without knowing its backend.
   */
  page(offset: number, limit: number): Promise<VectorChunk[]>;
  /** Deletes the index and all its chunks. Using the store afterwards starts a new, empty index. */
  drop(): Promise<void>;
  /** Releases connections this store owns; the index itself stays. */
  dispose(): Promise<void>;
}
