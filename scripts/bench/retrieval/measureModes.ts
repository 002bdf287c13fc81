import { relative } from 'node:path';
import type { TestCore } from '../../../tests/helpers/tempCore';
import { percentile, round } from '../stats';
import { Bm25Index } from './bm25';
import { pageRecall, topPages, type RankedPages } from './pageRecall';

/** A hand-written question and the page (relative to the manual's root) that answers it. */
export interface BenchQuestion {
  kind: 'lexical' | 'paraphrase' | 'near-duplicate';
  page: string;
  question: string;
}

/** One mode's outcome: recall@k overall and by question kind, and its search latency. */
export interface ModeResult {
  mode: string;
  /** Set when the mode could not run here (then the numbers are NaN). */
  unavailable?: string;
  recall: Record<number, number>;
  byKind: Record<string, Record<number, number>>;
  p50Ms: number;
  /** Per question, in file order: where its page came among the distinct pages retrieved (1 = first), or null. */
  ranks: (number | null)[];
}

export const KS = [1, 5, 10] as const;
/** Passages fetched per question: enough for ten distinct pages even when a page fills several places. */
export const PASSAGES = 50;

function score(mode: string, questions: readonly BenchQuestion[], ranked: RankedPages[], ms: number[]): ModeResult {
  const byKind: Record<string, Record<number, number>> = {};
  for (const kind of new Set(questions.map((q) => q.kind)))
    byKind[kind] = pageRecall(
      ranked.filter((_, i) => questions[i]!.kind === kind),
      KS,
    );
  const ranks = ranked.map((r) => {
    const at = topPages(r.pages, PASSAGES).indexOf(r.expected);
    return at === -1 ? null : at + 1;
  });
  return { mode, recall: pageRecall(ranked, KS), byKind, p50Ms: round(percentile(ms, 50), 2), ranks };
}

/**
 * Asks every question in every mode on a core whose library holds the manual, through the library search every caller
 * uses (LibrarySearch.retrieve): keyword (the catalogue's FTS), vector, hybrid (HybridRetriever's fusion), each without
 * the rerank stage, hybrid+rerank (the core's RerankStage over the fused passages, when a reranker is installed), and
 * the plain-BM25 baseline over the
 * very passages the library holds. Pages are the documents' source paths relative to `corpusDir`.
 */
export async function measureModes(o: {
  core: TestCore;
  corpusDir: string;
  questions: readonly BenchQuestion[];
  /** Why hybrid+rerank cannot run here, or null when the core's rerank stage is active (see installReranker). */
  rerankUnavailable: string | null;
}): Promise<{ results: ModeResult[]; passages: number; notes: string[] }> {
  const catalog = o.core.services.libraryCatalog;
  const passages: { id: string; text: string }[] = [];
  const chunkPage = new Map<string, string>();
  for (const doc of catalog.listDocuments({ status: 'indexed' })) {
    const page = relative(o.corpusDir, doc.sourcePath ?? doc.name);
    for (const chunk of catalog.listChunks(doc.id)) {
      passages.push({ id: chunk.id, text: chunk.text });
      chunkPage.set(chunk.id, page);
    }
  }
  const results: ModeResult[] = [];
  const notes = new Set<string>();

  const bm25 = new Bm25Index(passages);
  let ranked: RankedPages[] = [];
  let ms: number[] = [];
  for (const q of o.questions) {
    const t = performance.now();
    const hits = bm25.search(q.question, PASSAGES);
    ms.push(performance.now() - t);
    ranked.push({ expected: q.page, pages: hits.map((h) => chunkPage.get(h.id)!) });
  }
  results.push(score('BM25 baseline', o.questions, ranked, ms));

  for (const mode of ['keyword', 'vector', 'hybrid', 'hybrid+rerank'] as const) {
    if (mode === 'hybrid+rerank' && o.rerankUnavailable !== null) {
      const nan = Object.fromEntries(KS.map((k) => [k, Number.NaN]));
      results.push({ mode, unavailable: o.rerankUnavailable, recall: nan, byKind: {}, p50Ms: Number.NaN, ranks: [] });
      continue;
    }
    ranked = [];
    ms = [];
    for (const q of o.questions) {
      const t = performance.now();
      const found = await o.core.services.search.retrieve(q.question, {
        topK: PASSAGES,
        mode: mode === 'hybrid+rerank' ? 'hybrid' : mode,
        rerank: mode === 'hybrid+rerank',
      });
      if (found.note) notes.add(found.note);
      const ids = found.passages.map((p) => p.chunkId);
      ms.push(performance.now() - t);
      ranked.push({ expected: q.page, pages: ids.map((id) => chunkPage.get(id) ?? `?${id}`) });
    }
    results.push(score(mode, o.questions, ranked, ms));
  }
  return { results, passages: passages.length, notes: [...notes] };
}
