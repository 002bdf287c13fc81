import { ChromaClient, type Collection, type Where } from 'chromadb';
import { HearthError } from '../../shared/errors';
import { indexName } from './indexName';
import { prepareChunks } from './prepareChunks';
import { prepareQuery, type FilterClause } from './prepareQuery';
import type { IndexKey, MetadataValue, QueryOptions, VectorChunk, VectorMatch, VectorStore } from './VectorStore';

/** Options for a Chroma-backed index. */
export interface ChromaVectorStoreOptions {
  /** Base URL of the Chroma server's proxy (ChromaServer.url). */
  url: string;
  /** The per-run secret the proxy requires (ChromaServer.token); sent as a bearer token on every request. */
  token: string;
  /** The index to open; open() creates its collection if missing. */
  key: IndexKey;
  /** Records per upsert request; Chroma's HTTP payload limit is 40 MB, and 500 × 384-d is ~2 MB. Default 500. */
  batchSize?: number;
}

/** Metadata key under which the chunk's document id is stored, so deletes and filters run inside Chroma. */
const DOCUMENT_KEY = 'documentId';

/**
 * A VectorStore on the local Chroma server, one collection per index, cosine space, embeddings always supplied by
 * Hearth (`embeddingFunction: null`: Chroma must never try to load a model of its own).
 */
export class ChromaVectorStore implements VectorStore {
  readonly key: IndexKey;
  readonly name: string;
  readonly #client: ChromaClient;
  readonly #batchSize: number;
  #collection: Promise<Collection> | undefined;
  #disposed = false;

  private constructor(options: ChromaVectorStoreOptions) {
    this.key = { ...options.key };
    this.name = indexName(this.key);
    const url = new URL(options.url);
    this.#client = new ChromaClient({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      ssl: url.protocol === 'https:',
      headers: { Authorization: `Bearer ${options.token}` },
    });
    this.#batchSize = Math.max(1, Math.floor(options.batchSize ?? 500));
  }

  /** Opens (creating if needed) the index's collection; SIDECAR_DOWN if Chroma is not answering. */
  static async open(options: ChromaVectorStoreOptions): Promise<ChromaVectorStore> {
    const store = new ChromaVectorStore(options);
    await store.#run((collection) => Promise.resolve(collection));
    return store;
  }

  async upsert(chunks: readonly VectorChunk[]): Promise<void> {
    this.#assertOpen();
    const prepared = prepareChunks(this.key, chunks);
    for (let start = 0; start < prepared.length; start += this.#batchSize) {
      const batch = prepared.slice(start, start + this.#batchSize);
      await this.#run((collection) =>
        collection.upsert({
          ids: batch.map((c) => c.id),
          embeddings: batch.map((c) => c.vector),
          metadatas: batch.map((c) => ({ ...c.metadata, [DOCUMENT_KEY]: c.documentId })),
          // Chroma wants all documents or none; '' stands for "no text" and is read back as absent.
          documents: batch.map((c) => c.text ?? ''),
        }),
      );
    }
  }

  async deleteByDocument(documentId: string): Promise<void> {
    this.#assertOpen();
    if (typeof documentId !== 'string' || documentId === '') {
      throw new HearthError('INVALID_INPUT', 'deleteByDocument needs a document id.');
    }
    await this.#run((collection) => collection.delete({ where: { [DOCUMENT_KEY]: documentId } }));
  }

  async query(vector: Float32Array | number[], options: QueryOptions): Promise<VectorMatch[]> {
    this.#assertOpen();
    const query = prepareQuery(this.key, vector, options);
    if (query.matchesNothing) return [];
    const where = toWhere(query.clauses);
    const result = await this.#run((collection) =>
      collection.query({
        queryEmbeddings: [query.vector],
        nResults: query.topK,
        include: options.scoresOnly ? ['distances'] : ['distances', 'metadatas', 'documents'],
        ...(where ? { where } : {}),
      }),
    );
    const ids = result.ids[0] ?? [];
    return ids.map((id, i) => {
      const { [DOCUMENT_KEY]: documentId, ...metadata } = (result.metadatas[0]?.[i] ?? {}) as Record<
        string,
        MetadataValue
      >;
      const text = result.documents[0]?.[i];
      // Cosine distance in Chroma is 1 − cosine similarity.
      const match: VectorMatch = {
        id,
        documentId: String(documentId ?? ''),
        score: 1 - (result.distances[0]?.[i] ?? Number.NaN),
        metadata,
      };
      if (text) match.text = text;
      return match;
    });
  }

  async count(): Promise<number> {
    this.#assertOpen();
    return this.#run((collection) => collection.count());
  }

  async page(offset: number, limit: number): Promise<VectorChunk[]> {
    this.#assertOpen();
    const result = await this.#run((collection) =>
      collection.get({ offset, limit, include: ['embeddings', 'metadatas', 'documents'] }),
    );
    return result.ids.map((id, i) => {
      const { [DOCUMENT_KEY]: documentId, ...metadata } = (result.metadatas[i] ?? {}) as Record<string, MetadataValue>;
      const text = result.documents[i];
      const chunk: VectorChunk = {
        id,
        documentId: String(documentId ?? ''),
        vector: Array.from(result.embeddings[i] ?? []),
        metadata,
      };
      if (text) chunk.text = text;
      return chunk;
    });
  }

  async drop(): Promise<void> {
    this.#assertOpen();
    this.#collection = undefined;
    try {
      await this.#client.deleteCollection({ name: this.name });
    } catch (error) {
      if (!isNotFound(error)) throw toHearthError(error, 'drop');
    }
  }

  async dispose(): Promise<void> {
    // The client keeps no connections of its own (fetch pools them process-wide), so there is nothing to close.
    this.#disposed = true;
    this.#collection = undefined;
  }

  /**
   * Runs an operation on the collection, creating it first if needed. A 404 means someone dropped the collection
   * under us (another store on the same index, or a server data reset): look it up again once and retry.
   */
  async #run<T>(operation: (collection: Collection) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await operation(await this.#ensureCollection());
      } catch (error) {
        if (isNotFound(error) && attempt === 1) {
          this.#collection = undefined;
          continue;
        }
        throw toHearthError(error, this.name);
      }
    }
  }

  #ensureCollection(): Promise<Collection> {
    if (!this.#collection) {
      const pending = this.#client
        .getOrCreateCollection({
          name: this.name,
          embeddingFunction: null,
          configuration: { hnsw: { space: 'cosine' } },
          metadata: {
            hearth_model: this.key.model,
            hearth_version: this.key.version,
            hearth_dimensions: this.key.dimensions,
          },
        })
        .then((collection) => {
          const space = collection.configuration?.hnsw?.space;
          if (space && space !== 'cosine') {
            throw new HearthError('INTERNAL', `Chroma collection ${this.name} uses ${space} distance, not cosine.`);
          }
          return collection;
        });
      // A failed lookup must not be cached: the next call tries again (Chroma may be back after a restart).
      pending.catch(() => {
        if (this.#collection === pending) this.#collection = undefined;
      });
      this.#collection = pending;
    }
    return this.#collection;
  }

  #assertOpen(): void {
    if (this.#disposed) throw new HearthError('INTERNAL', `Vector index ${this.name} was used after dispose().`);
  }
}

/** Chroma's where syntax: a single clause bare, several under $and; one value as $eq, several as $in. */
function toWhere(clauses: FilterClause[]): Where | undefined {
  const parts: Where[] = clauses.map((clause) => {
    const key = clause.field === 'metadata' ? clause.key : clause.field === 'documentId' ? DOCUMENT_KEY : 'collection';
    const values = clause.values;
    return (values.length === 1 ? { [key]: { $eq: values[0] } } : { [key]: { $in: values } }) as Where;
  });
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { $and: parts };
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ChromaNotFoundError';
}

/** Maps the client's errors onto Hearth's codes; a connection failure means the sidecar is down, whatever fetch said. */
function toHearthError(error: unknown, what: string): HearthError {
  if (error instanceof HearthError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'ChromaConnectionError' || isSocketError(error)) {
    return new HearthError(
      'SIDECAR_DOWN',
      'The vector database (Chroma) is not answering.',
      { sidecar: 'chroma', index: what },
      { cause: error },
    );
  }
  if (name === 'ChromaNotFoundError') {
    return new HearthError('NOT_FOUND', `Vector index ${what} does not exist.`, undefined, { cause: error });
  }
  if (name === 'ChromaClientError' || name === 'ChromaValueError') {
    return new HearthError('INVALID_INPUT', `Chroma refused the request: ${message}`, undefined, { cause: error });
  }
  return new HearthError('INTERNAL', `Chroma failed on ${what}: ${message}`, undefined, { cause: error });
}

/** A socket dying mid-body surfaces from undici as a TypeError rather than through the client's wrapper. */
function isSocketError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return (
    (error.name === 'TypeError' && /fetch failed|terminated/i.test(error.message)) ||
    (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(code))
  );
}
