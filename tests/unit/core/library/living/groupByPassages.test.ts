import { describe, expect, it } from 'vitest';
import { groupByPassages } from '../../../../../electron/core/library/living/Reembedder';

describe('groupByPassages', () => {
  it('fills groups up to 64 passages, in order, never splitting a document', () => {
    const sizes = [30, 30, 10, 64, 5, 100, 1];
    const groups = groupByPassages(
      sizes.map((n, i) => ({ i, n })),
      (d) => d.n,
    );
    expect(groups.map((g) => g.map((d) => d.i))).toEqual([[0, 1], [2], [3], [4], [5], [6]]);
    expect(groups.flat().map((d) => d.i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('caps a group at 16 short documents', () => {
    const groups = groupByPassages(
      Array.from({ length: 40 }, (_, i) => i),
      () => 1,
    );
    expect(groups.map((g) => g.length)).toEqual([16, 16, 8]);
  });

  it('gives nothing for nothing', () => {
    expect(groupByPassages([], () => 1)).toEqual([]);
  });
});
