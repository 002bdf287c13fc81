import type { Logger } from 'pino';
import type { RetrievalCatalog } from '../AgentReadView';
import type { KeywordHit, KeywordSearchOptions, Provenance } from '../../library/catalog/catalogTypes';
import type { IndexKey, VectorFilter, VectorStore } from '../../vectors/VectorStore';
import { indexName } from '../../vectors/indexName';
import { fuseRankings, type ChannelHit } from './fuseRankings';
import { InFlight } from '../../lifecycle/InFlight';
import { sourceName } from '../../library/catalog/sourceName';
import { LruCache } from '../../../shared/LruCache';
import { isHearthError } from '../../../shared/errors';

/** A retrieved passage with its document and what each channel thought of it. */
export interface RetrievedPassage {
  chunkId: string;
  documentId: string;
  documentName: string;
  documentType: string;
  text: string;
  provenance: Provenance;
  /** Fused score (see fuseRankings). */
  score: number;
  keywordRank?: number;
  vectorRank?: number;
  vectorScore?: number;
}

/** Where to search and how much to return. */
export interface SearchOptions {
  topK: number;
  collection?: string | null;
  documentIds?: readonly string[];
  /** 'hybrid' (default), or one channel alone (benchmarks and the quality test compare them). */
  mode?: 'hybrid' | 'keyword' | 'vector';
  /** Keyword matching: whole words (default), or stems as prefixes (the rewritten query). */
  keywordMatch?: 'any' | 'prefix';
  signal?: AbortSignal;
}

/** Time spent per step of one search, in ms. */
export interface SearchTimings {
  embedMs: number;
  vectorMs: number;
  keywordMs: number;
  fuseMs: number;
}

export interface SearchResult {
  passages: RetrievedPassage[];
  /** The weight fusion gave the vector channel (0: gated out or unavailable). */
  vectorWeight: number;
  /** Why the vector channel was left out, if it was (no embedding model, no index yet…). */
  vectorSkipped: string | null;
  timings: SearchTimings;
}

/** Options for the retriever. */
export interface HybridRetrieverOptions {
  catalog: RetrievalCatalog;
  /** Embeds the query with the library's embedding model, or with `model` when one is named. */
  embed: (
    texts: string[],
    signal: AbortSignal,
    model?: string,
  ) => Promise<{ vectors: readonly (Float32Array | number[])[]; model: string }>;
  /** The vector index for a key. */
  index: (key: IndexKey) => VectorStore;
  /** The library's embedding version (part of the index key). */
  embeddingVersion: number;
  /**
   * The index search must use (the last complete one while a new model's index is being built), whose model then
   * embeds the query. Null or absent: the index of whichever model embeds the query.
   */
  activeIndex?: () => IndexKey | null;
  /**
   * The model that embeds a query when the search index names none (the default embedding model), or null when none
   * is installed. Query vectors are remembered only for a model known before embedding; absent: never remembered.
   */
  queryModel?: () => string | null;
  /**
   * Keyword search off the core's thread (KeywordThread), so the query embedding and the vector search go on while it
   * ranks. Absent, or when it fails: the catalogue's own keywordSearch, in this thread.
   */
  keywordSearch?: (query: string, options: KeywordSearchOptions) => Promise<KeywordHit[]>;
  logger: Logger;
}

/** Candidates fetched per channel before fusion: more than topK, so fusion has something to choose from. */
const candidates = (topK: number): number => Math.min(200, Math.max(20, topK * 4));
/** Query vectors kept (a few KiB each): a question asked again, or searched after it was asked, skips embedding. */
const QUERY_VECTORS = 256;

/**
 * Hybrid retrieval: BM25 over the catalogue's FTS5 index and cosine top-k in the vector index of the current
 * embedding model, fused by `fuseRankings`. Either channel failing (no embedding model, Chroma down) leaves the
 * other one answering, so a question always gets the best the library can give.
 */
export class HybridRetriever {
  readonly #inFlight = new InFlight('Search');
  /** Query vectors by the model that embedded them and the query's text. */
  readonly #queryVectors = new LruCache<string, Float32Array | number[]>(QUERY_VECTORS);

  constructor(private readonly o: HybridRetrieverOptions) {}

  search(query: string, options: SearchOptions): Promise<SearchResult> {
    return this.#inFlight.run((signal) => this.#search(query, { ...options, signal }), options.signal);
  }

  /**
   * Loads the embedding model of the search index by embedding one word, so the first question does not wait for
   * the load (seconds). Does nothing when the library has no passages yet; never throws (search reports problems).
   */
  warmUp(signal?: AbortSignal): Promise<boolean> {
    // Through InFlight, so a dispose during the load cancels it instead of leaving it to a closed runtime.
    return this.#inFlight
      .run(async (inner) => {
        if (this.o.catalog.chunkCount() === 0) return false;
        await this.o.embed(['warm'], inner, this.o.activeIndex?.()?.model);
        return true;
      }, signal)
      .catch((error: unknown) => {
        this.o.logger.info({ err: error }, 'embedding model not warmed up');
        return false;
      });
  }

  /**
   * Forgets the remembered query vectors. Called when models change (added, removed, a new default) and when the
   * embedding model is loaded again, so a vector is never served from a model file that is no longer the one loaded.
   */
  forgetQueryVectors(): void {
    this.#queryVectors.clear();
  }

  /** Stops running searches and refuses new ones. */
  dispose(): Promise<void> {
    return this.#inFlight.dispose();
  }

  async #search(query: string, options: SearchOptions): Promise<SearchResult> {
    const mode = options.mode ?? 'hybrid';
    const depth = candidates(options.topK);
    const timings: SearchTimings = { embedMs: 0, vectorMs: 0, keywordMs: 0, fuseMs: 0 };
    // The query embedding runs in the inference worker: start it first, and search the keywords meanwhile.
    let vectorSkipped: string | null = mode === 'keyword' ? 'keyword-only search' : null;
    const vectorHits: Promise<ChannelHit[]> =
      mode === 'keyword'
        ? Promise.resolve([])
        : this.#vectorSearch(query, depth, options, timings).catch((error: unknown) => {
            vectorSkipped = error instanceof Error ? error.message : String(error);
            this.o.logger.warn({ err: error }, 'vector search unavailable; answering from keywords');
            return [];
          });
    let keyword: ChannelHit[] = [];
    if (mode !== 'vector') {
      const keywordOptions: KeywordSearchOptions = {
        topK: depth,
        match: options.keywordMatch ?? 'any',
        // Every-word hits enough to fill the answer: any-word hits would only be fused below them.
        minHits: options.topK,
        ...(options.collection ? { collections: [options.collection] } : {}),
        ...(options.documentIds?.length ? { documentIds: options.documentIds } : {}),
      };
      const started = performance.now();
      keyword = (await this.#keywordHits(query, keywordOptions)).map((h) => ({ chunkId: h.chunkId, score: h.score }));
      timings.keywordMs = performance.now() - started;
    }
    const vector = await vectorHits;
    const started = performance.now();
    const fused = fuseRankings(keyword, vector, { topK: options.topK, poolSize: this.o.catalog.chunkCount() });
    const chunks = new Map(this.o.catalog.getChunks(fused.hits.map((h) => h.chunkId)).map((c) => [c.id, c]));
    const docs = new Map<string, { name: string; type: string; attachedTo: string | null } | undefined>();
    const passages: RetrievedPassage[] = [];
    for (const hit of fused.hits) {
      const chunk = chunks.get(hit.chunkId);
      if (!chunk) continue; // deleted between search and lookup
      if (!docs.has(chunk.documentId)) docs.set(chunk.documentId, this.o.catalog.getDocument(chunk.documentId));
      const doc = docs.get(chunk.documentId);
      if (!doc) continue;
      passages.push({
        chunkId: chunk.id,
        documentId: chunk.documentId,
        documentName: sourceName(doc),
        documentType: doc.type,
        text: chunk.text,
        provenance: chunk.provenance,
        score: hit.score,
        ...(hit.keywordRank ? { keywordRank: hit.keywordRank } : {}),
        ...(hit.vectorRank ? { vectorRank: hit.vectorRank, vectorScore: hit.vectorScore } : {}),
      });
    }
    timings.fuseMs = performance.now() - started;
    return { passages, vectorWeight: fused.vectorWeight, vectorSkipped, timings };
  }

  /**
   * Keyword hits from the search thread while the embedding and vector search run in this one; from this thread when
   * there is no search thread or it failed (the same catalogue, the same answer).
   */
  async #keywordHits(query: string, options: KeywordSearchOptions): Promise<KeywordHit[]> {
    if (this.o.keywordSearch) {
      try {
        return await this.o.keywordSearch(query, options);
      } catch (error) {
        if (isHearthError(error) && error.code === 'INVALID_INPUT') throw error;
        this.o.logger.warn({ err: error }, 'keyword search thread failed; searching in the core thread');
      }
    } else {
      // The request reaches the worker only once the awaits before it have run (model slot, fallback chain): let them
      // run now, or the embedding would wait for the keyword search instead of overlapping it.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return this.o.catalog.keywordSearch(query, options);
  }

  async #vectorSearch(
    query: string,
    depth: number,
    options: SearchOptions,
    timings: SearchTimings,
  ): Promise<ChannelHit[]> {
    const signal = options.signal ?? new AbortController().signal;
    let started = performance.now();
    const active = this.o.activeIndex?.() ?? null;
    const { vector, model } = await this.#queryVector(query, active?.model, signal);
    timings.embedMs = performance.now() - started;
    if (!vector) return [];
    if (active && (model !== active.model || vector.length !== active.dimensions)) {
      throw new Error(`The embedding model of the search index (${active.model}) is not available.`);
    }
    const key: IndexKey = active
      ? { model: active.model, version: active.version, dimensions: active.dimensions }
      : { model, version: this.o.embeddingVersion, dimensions: vector.length };
    // Only an index the library wrote to: querying an unknown one would create an empty collection.
    if (!this.o.catalog.indexes.list().some((r) => r.name === indexName(key))) return [];
    const filter: VectorFilter = {};
    if (options.collection) filter.collection = options.collection;
    if (options.documentIds?.length) filter.documentId = [...options.documentIds];
    started = performance.now();
    const matches = await this.o.index(key).query(vector, { topK: depth, filter, scoresOnly: true });
    timings.vectorMs = performance.now() - started;
    return matches.map((m) => ({ chunkId: m.id, score: m.score }));
  }

  /**
   * The query's vector by `model` (the index's) or the default embedding model: remembered when the model that answers
   * is the one expected, so a fallback source's vector is never served once the expected model is back.
   */
  async #queryVector(
    query: string,
    model: string | undefined,
    signal: AbortSignal,
  ): Promise<{ vector: Float32Array | number[] | undefined; model: string }> {
    const expected = model ?? this.o.queryModel?.() ?? null;
    const key = `${expected ?? ''}\u0000${query}`;
    const remembered = expected === null ? undefined : this.#queryVectors.get(key);
    if (expected !== null && remembered) return { vector: remembered, model: expected };
    const { vectors, model: embeddedBy } = await this.o.embed([query], signal, model);
    const vector = vectors[0];
    if (vector && expected !== null && embeddedBy === expected) this.#queryVectors.set(key, vector);
    return { vector, model: embeddedBy };
  }
}
