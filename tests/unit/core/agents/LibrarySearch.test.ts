import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { RetrievedPassage, SearchOptions } from '../../../../electron/core/agents/retrieval/HybridRetriever';
import { LibrarySearch } from '../../../../electron/core/agents/retrieval/LibrarySearch';
import {
  RERANK_FAILED_NOTE,
  RerankStage,
  type RankTexts,
} from '../../../../electron/core/agents/retrieval/RerankStage';
import type { DocumentRecord } from '../../../../electron/core/library/catalog/catalogTypes';

function doc(id: string, type: string, collection: string | null): DocumentRecord {
  return {
    ...{ id, name: `${id}.${type}`, sourcePath: null, sha256: id, size: 1, type, objectKey: null, collection },
    ...{ status: 'indexed', error: null, version: 1, embeddingVersion: 1, createdAt: 0, updatedAt: 0 },
    ...{ parentId: null, attachedTo: null },
  };
}

const DOCS = [
  doc('a', 'pdf', 'Work'),
  doc('b', 'markdown', 'Work'),
  doc('c', 'markdown', 'Home'),
  doc('d', 'pdf', null),
];

function passage(chunkId: string, documentId: string, text: string, score: number): RetrievedPassage {
  const d = DOCS.find((x) => x.id === documentId)!;
  return {
    chunkId,
    documentId,
    documentName: d.name,
    documentType: d.type,
    text,
    provenance: d.type === 'pdf' ? { page: 2 } : { headingPath: ['Setup', 'Linux'], lineStart: 4, lineEnd: 9 },
    score,
  };
}

const EMPTY_TIMINGS = { embedMs: 0, vectorMs: 0, keywordMs: 0, fuseMs: 0 };

/** A library search over a fake retriever that records the options it was given. */
function setup(passages: RetrievedPassage[] = []) {
  const calls: SearchOptions[] = [];
  const search = new LibrarySearch({
    retriever: {
      search: async (_query, options) => {
        calls.push(options);
        return {
          passages,
          vectorWeight: 0,
          vectorSkipped: options.mode === 'keyword' ? 'keyword-only search' : 'no embedding model',
          timings: { embedMs: 0, vectorMs: 0, keywordMs: 0, fuseMs: 0 },
        };
      },
    },
    catalog: { listDocuments: () => DOCS },
  });
  return { search, calls };
}

describe('LibrarySearch', () => {
  it('passes no scope without filters, and one collection or a document list as the retriever takes them', async () => {
    const { search, calls } = setup();
    await search.retrieve('q', { topK: 5 });
    await search.retrieve('q', { topK: 5, filters: { collections: ['Work'] } });
    await search.retrieve('q', { topK: 5, filters: { documentIds: ['c', 'zz'] } });
    expect(calls.map(({ collection, documentIds }) => ({ collection, documentIds }))).toEqual([
      { collection: undefined, documentIds: undefined },
      { collection: 'Work', documentIds: undefined },
      { collection: undefined, documentIds: ['c', 'zz'] },
    ]);
  });

  it('turns types and several collections into the documents that pass every filter', async () => {
    const { search, calls } = setup();
    await search.retrieve('q', { topK: 5, filters: { types: ['pdf'] } });
    await search.retrieve('q', { topK: 5, filters: { collections: ['Work', 'Home'], types: ['markdown'] } });
    await search.retrieve('q', { topK: 5, filters: { collections: ['Work'], documentIds: ['b', 'c'] } });
    expect(calls.map((c) => c.documentIds)).toEqual([['a', 'd'], ['b', 'c'], ['b']]);
  });

  it('does not search at all when no document passes the filters', async () => {
    const { search, calls } = setup([passage('x', 'a', 'anything', 1)]);
    const result = await search.search({ query: 'q', mode: 'hybrid', topK: 5, filters: { types: ['docx'] } });
    expect(result).toMatchObject({ passages: [], documents: [], vectorSkipped: null });
    expect(calls).toEqual([]);
  });

  it('returns passages with their location and marked words, grouped by document in order of their best', async () => {
    const { search, calls } = setup([
      passage('b:1', 'b', 'Install the lantern on Linux.', 0.9),
      passage('a:1', 'a', 'Lanterns and a keeper.', 0.8),
      passage('b:2', 'b', 'No match here.', 0.5),
    ]);
    const result = await search.search({ query: 'lantern', mode: 'hybrid', topK: 3 });
    expect(calls[0]).toMatchObject({ topK: 3, mode: 'hybrid' });
    expect(result.passages.map((p) => [p.chunkId, p.location, p.highlights])).toEqual([
      ['b:1', 'Setup › Linux · lines 4–9', [{ start: 12, end: 19 }]],
      ['a:1', 'p. 2', [{ start: 0, end: 8 }]],
      ['b:2', 'Setup › Linux · lines 4–9', []],
    ]);
    expect(result.passages[1]).toMatchObject({ page: 2, documentName: 'a.pdf', score: 0.8 });
    expect(result.passages[0]).toMatchObject({ lineStart: 4, lineEnd: 9, headingPath: ['Setup', 'Linux'] });
    expect(result.documents).toEqual([
      { documentId: 'b', documentName: 'b.markdown', documentType: 'markdown', passageIndexes: [0, 2], bestScore: 0.9 },
      { documentId: 'a', documentName: 'a.pdf', documentType: 'pdf', passageIndexes: [1], bestScore: 0.8 },
    ]);
    expect(result.vectorSkipped).toBe('no embedding model');
  });

  it('does not report meaning search as skipped when only keywords were asked for', async () => {
    const { search } = setup();
    expect((await search.search({ query: 'q', mode: 'keyword', topK: 3 })).vectorSkipped).toBeNull();
  });
});

describe('LibrarySearch with the rerank stage', () => {
  const fused = [passage('1', 'a', 'alpha', 0.9), passage('2', 'b', 'beta', 0.8), passage('3', 'c', 'gamma', 0.7)];

  function withStage(rank: RankTexts) {
    const calls: SearchOptions[] = [];
    const search = new LibrarySearch({
      retriever: {
        search: async (_query, options) => {
          calls.push(options);
          return { passages: fused, vectorWeight: 0, vectorSkipped: null, timings: EMPTY_TIMINGS };
        },
      },
      catalog: { listDocuments: () => DOCS },
      rerank: new RerankStage({ enabled: () => true, depth: 30, rank, logger: pino({ level: 'silent' }) }),
    });
    return { search, calls };
  }

  it('fetches the rerank depth, returns topK in the reranker order, and can be skipped', async () => {
    const { search, calls } = withStage(async (_q, texts) => texts.map((t) => (t === 'gamma' ? 1 : 0)));
    const out = await search.retrieve('q', { topK: 2 });
    expect(calls[0]?.topK).toBe(30);
    expect(out.passages.map((p) => p.chunkId)).toEqual(['3', '1']);
    expect(out.note).toBeNull();
    const plain = await search.retrieve('q', { topK: 2, rerank: false });
    expect(calls[1]?.topK).toBe(2);
    expect(plain.passages.map((p) => p.chunkId)).toEqual(['1', '2', '3']);
  });

  it('keeps fused order with a note when the reranker fails', async () => {
    const { search } = withStage(async () => {
      throw new Error('worker gone');
    });
    const out = await search.retrieve('q', { topK: 2 });
    expect(out.passages.map((p) => p.chunkId)).toEqual(['1', '2']);
    expect(out.note).toBe(RERANK_FAILED_NOTE);
    // The search box shows the same note.
    expect((await search.search({ query: 'q', mode: 'hybrid', topK: 2 })).note).toBe(RERANK_FAILED_NOTE);
  });
});
