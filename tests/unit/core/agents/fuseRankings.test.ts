import { describe, expect, it } from 'vitest';
import { fuseRankings, vectorReliability } from '../../../../electron/core/agents/retrieval/fuseRankings';

const hits = (ids: string[]) => ids.map((chunkId, i) => ({ chunkId, score: 1 - i / 100 }));
const ids = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Deterministic shuffle (LCG), so the property below is the same on every run. */
function shuffled(list: string[], seed: number): string[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('vectorReliability', () => {
  it('is 0 for chance agreement and 1 for the same top ranks', () => {
    expect(vectorReliability(['a', 'b', 'c', 'd', 'e'], ['v', 'w', 'x', 'y', 'z'], 200)).toBe(0);
    expect(vectorReliability(['a', 'b', 'c', 'd', 'e'], ['e', 'd', 'c', 'b', 'a'], 200)).toBe(1);
    expect(vectorReliability([], ['a'], 200)).toBe(0);
  });
});

describe('fuseRankings', () => {
  it('keeps the keyword ranking when the vector channel disagrees, using vector hits only to fill', () => {
    const { hits: fused, vectorWeight } = fuseRankings(hits(['k1', 'k2']), hits(['v1', 'v2', 'v3']), {
      topK: 4,
      poolSize: 200,
    });
    expect(vectorWeight).toBe(0);
    expect(fused.map((h) => h.chunkId)).toEqual(['k1', 'k2', 'v1', 'v2']);
  });

  it('lets an agreeing vector channel promote what it found', () => {
    const keyword = hits(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const vector = hits(['g', 'a', 'b', 'c', 'd']);
    const { hits: fused, vectorWeight } = fuseRankings(keyword, vector, { topK: 5, poolSize: 200 });
    expect(vectorWeight).toBeGreaterThan(0.5);
    expect(fused.map((h) => h.chunkId)).toContain('g');
    expect(fused[0]).toMatchObject({ chunkId: 'a', keywordRank: 1, vectorRank: 2 });
  });

  it('answers from vectors alone when the keywords find nothing (a paraphrase)', () => {
    const { hits: fused, vectorWeight } = fuseRankings([], hits(['v1', 'v2']), { topK: 5, poolSize: 200 });
    expect(vectorWeight).toBe(1);
    expect(fused.map((h) => h.chunkId)).toEqual(['v1', 'v2']);
  });

  it('never changes the keyword top 5 for random vector rankings of a 200-chunk pool (2,000 trials)', () => {
    const pool = ids(200);
    const keyword = hits(shuffled(pool, 1).slice(0, 50));
    const keywordTop = new Set(keyword.slice(0, 5).map((h) => h.chunkId));
    let changed = 0;
    for (let trial = 0; trial < 2_000; trial++) {
      const vector = hits(shuffled(pool, trial + 2).slice(0, 50));
      const top = fuseRankings(keyword, vector, { topK: 5, poolSize: 200 }).hits.map((h) => h.chunkId);
      if (!top.every((id) => keywordTop.has(id))) changed++;
    }
    // Chance agreement of 3 of 5 top ranks is about 1 in 10,000 here; the gate admits nothing less.
    expect(changed).toBeLessThanOrEqual(2);
  });
});
