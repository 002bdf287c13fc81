import { describe, expect, it } from 'vitest';
import { topUpKeywordHits } from '../../../../../electron/core/library/catalog/topUpKeywordHits';

const hit = (chunkId: string, score: number) => ({ chunkId, documentId: `doc-${chunkId}`, score });

describe('topUpKeywordHits', () => {
  it('ranks every-word rows and the newest any-word rows as one tier below the rare-word hits', () => {
    const hits = topUpKeywordHits([hit('rare', 0.5)], {
      topK: 5,
      minHits: 5,
      every: () => [hit('every', 0.6)],
      newestAny: () => [hit('any', 0.7), hit('rare', 0.9), hit('every', 0.6)],
    });
    // The every-word row stays (it was dropped once the any-word tier was needed), each row once, none above 0.5.
    expect(hits.map((h) => h.chunkId)).toEqual(['rare', 'any', 'every']);
    expect(hits.every((h) => h.score <= 0.5)).toBe(true);
  });

  it('stops at the every-word rows when they are enough, and never passes topK', () => {
    let newest = 0;
    const enough = topUpKeywordHits([hit('a', 0.9)], {
      topK: 2,
      minHits: 2,
      every: () => [hit('b', 0.8), hit('c', 0.7)],
      newestAny: () => {
        newest += 1;
        return [];
      },
    });
    expect(enough.map((h) => h.chunkId)).toEqual(['a', 'b']);
    expect(newest).toBe(0);
  });

  it('goes straight to the newest any-word rows for a one-word query', () => {
    const hits = topUpKeywordHits([], { topK: 3, minHits: 3, every: null, newestAny: () => [hit('x', 0.4)] });
    expect(hits).toEqual([hit('x', 0.4)]);
  });
});
