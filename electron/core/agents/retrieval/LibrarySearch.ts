import type { z } from 'zod';
import { locationLabel, slideAndSheet } from '../../../shared/locationText';
import type { SearchDocument, SearchInputSchema, SearchPassage, SearchResult } from '../../../shared/searchSchemas';
import type { Catalog } from '../../library/catalog/Catalog';
import { highlightRanges } from './highlightRanges';
import type { HybridRetriever, RetrievedPassage, SearchOptions } from './HybridRetriever';
import type { RerankStage } from './RerankStage';
import { recordRetrieve, withSpan } from '../../telemetry/hearthTelemetry';

/** A search as the contract hands it over (defaults applied). */
type SearchRequest = z.output<typeof SearchInputSchema>;

/** What narrows a search to some documents; every given filter must hold. */
export interface SearchFilters {
  collections?: readonly string[];
  types?: readonly string[];
  documentIds?: readonly string[];
}

/** Options for passage retrieval (the agent's tool and the search box share them). */
export interface RetrieveOptions {
  topK: number;
  filters?: SearchFilters;
  mode?: SearchOptions['mode'];
  keywordMatch?: SearchOptions['keywordMatch'];
  /** False skips the rerank stage (benchmarks compare with and without); on by default. */
  rerank?: boolean;
  signal?: AbortSignal;
}

/** Options for the library search. */
export interface LibrarySearchOptions {
  retriever: Pick<HybridRetriever, 'search'>;
  /** Lists indexed documents, to turn collection and type filters into documents. */
  catalog: Pick<Catalog, 'listDocuments'>;
  /** Reorders the fused passages with the installed reranker, when there is one and the setting is on. */
  rerank?: Pick<RerankStage, 'fetchDepth' | 'apply'>;
}

/**
 * Searching the library, once for every caller: the Library's search box (`library.search`), the agent's
 * `search_documents` tool and the coming MCP and OpenAI endpoints. Filters become the retriever's own (one
 * collection, or a list of documents); results carry the matched words and are grouped by document.
 */
type Retrieved = { passages: RetrievedPassage[]; vectorSkipped: string | null; note: string | null };

export class LibrarySearch {
  constructor(private readonly o: LibrarySearchOptions) {}

  /**
   * Passages best first, with why meaning search was left out (if it was) and, when reranking failed and fused
   * order was kept, a note for the user.
   */
  retrieve(query: string, options: RetrieveOptions): Promise<Retrieved> {
    const started = performance.now();
    return withSpan(
      'retrieve',
      { 'hearth.top_k': options.topK, 'hearth.mode': options.mode ?? 'hybrid' },
      async (span) => {
        const found = await this.#retrieve(query, options);
        span.setAttributes({
          'hearth.passages': found.passages.length,
          'hearth.vector_skipped': found.vectorSkipped !== null,
        });
        recordRetrieve(performance.now() - started);
        return found;
      },
    );
  }

  async #retrieve(query: string, options: RetrieveOptions): Promise<Retrieved> {
    const scope = this.#scope(options.filters ?? {});
    if (scope === 'nothing') return { passages: [], vectorSkipped: null, note: null };
    const stage = options.rerank === false ? undefined : this.o.rerank;
    const result = await this.o.retriever.search(query, {
      topK: stage ? stage.fetchDepth(options.topK) : options.topK,
      ...scope,
      ...(options.mode ? { mode: options.mode } : {}),
      ...(options.keywordMatch ? { keywordMatch: options.keywordMatch } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const vectorSkipped = options.mode === 'keyword' ? null : result.vectorSkipped;
    if (!stage) return { passages: result.passages, vectorSkipped, note: null };
    const reranked = await withSpan('rerank', { 'hearth.candidates': result.passages.length }, async (span) => {
      const outcome = await stage.apply(query, result.passages, {
        topK: options.topK,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      span.setAttribute('hearth.reranked', outcome.reranked);
      return outcome;
    });
    return { passages: reranked.passages, vectorSkipped, note: reranked.note };
  }

  /** The search box's search: passages with highlights and locations, and the documents they group into. */
  async search(request: SearchRequest, signal?: AbortSignal): Promise<SearchResult> {
    const { passages, vectorSkipped, note } = await this.retrieve(request.query, {
      topK: request.topK,
      mode: request.mode,
      ...(request.filters ? { filters: request.filters } : {}),
      ...(signal ? { signal } : {}),
    });
    const out = passages.map((p) => toSearchPassage(p, request.query));
    const documents = groupByDocument(out);
    return { query: request.query, mode: request.mode, passages: out, documents, vectorSkipped, note };
  }

  /**
   * The retriever's scope for these filters: none, one collection as is, else the documents that pass every
   * filter ('nothing' when none does, so no search runs).
   */
  #scope(filters: SearchFilters): Pick<SearchOptions, 'collection' | 'documentIds'> | 'nothing' {
    const { collections, types, documentIds } = filters;
    const has = (list?: readonly string[]): list is readonly string[] => list !== undefined && list.length > 0;
    if (!has(collections) && !has(types) && !has(documentIds)) return {};
    // The retriever's own filters, as they are, where they say it all (no catalogue scan).
    if (!has(types) && !has(documentIds) && has(collections) && collections.length === 1) {
      return { collection: collections[0] ?? null };
    }
    if (!has(types) && !has(collections) && has(documentIds)) return { documentIds };
    const inCollection = has(collections) ? new Set(collections) : null;
    const ofType = has(types) ? new Set(types) : null;
    const chosen = has(documentIds) ? new Set(documentIds) : null;
    const ids = this.o.catalog
      .listDocuments({ status: 'indexed' })
      .filter(
        (d) =>
          (!inCollection || (d.collection !== null && inCollection.has(d.collection))) &&
          (!ofType || ofType.has(d.type)) &&
          (!chosen || chosen.has(d.id)),
      )
      .map((d) => d.id);
    return ids.length > 0 ? { documentIds: ids } : 'nothing';
  }
}

function toSearchPassage(p: RetrievedPassage, query: string): SearchPassage {
  const prov = p.provenance as { page?: number; lineStart?: number; lineEnd?: number; headingPath?: string[] };
  return {
    chunkId: p.chunkId,
    documentId: p.documentId,
    documentName: p.documentName,
    documentType: p.documentType,
    text: p.text,
    ...(prov.page !== undefined ? { page: prov.page } : {}),
    ...(prov.lineStart !== undefined ? { lineStart: prov.lineStart } : {}),
    ...(prov.lineEnd !== undefined ? { lineEnd: prov.lineEnd } : {}),
    ...(prov.headingPath ? { headingPath: prov.headingPath } : {}),
    ...slideAndSheet(prov),
    location: locationLabel(prov, { headings: true }),
    highlights: highlightRanges(p.text, query),
    score: p.score,
  };
}

/** Documents in the order of their best passage, each with its passages' indexes (already best first). */
function groupByDocument(passages: readonly SearchPassage[]): SearchDocument[] {
  const byId = new Map<string, SearchDocument>();
  passages.forEach((p, index) => {
    const group = byId.get(p.documentId);
    if (group) {
      group.passageIndexes.push(index);
      return;
    }
    byId.set(p.documentId, {
      documentId: p.documentId,
      documentName: p.documentName,
      documentType: p.documentType,
      passageIndexes: [index],
      bestScore: p.score,
    });
  });
  return [...byId.values()];
}
