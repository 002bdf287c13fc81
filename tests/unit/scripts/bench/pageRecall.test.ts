import { describe, expect, it } from 'vitest';
import { pageRecall, topPages } from '../../../../scripts/bench/retrieval/pageRecall';

describe('topPages', () => {
  it('keeps the first k distinct pages in rank order', () => {
    expect(topPages(['a', 'a', 'b', 'a', 'c', 'd'], 3)).toEqual(['a', 'b', 'c']);
    expect(topPages(['a', 'a'], 5)).toEqual(['a']);
    expect(topPages([], 5)).toEqual([]);
  });
});

describe('pageRecall', () => {
  it('counts a hit when the expected page is among the top k distinct pages, not the top k passages', () => {
    const results = [
      // Page x fills passages 1–3: the expected page y is the 2nd distinct page, so a hit at k = 5 but not k = 1.
      { expected: 'y', pages: ['x', 'x', 'x', 'y'] },
      { expected: 'a', pages: ['a', 'b'] },
      { expected: 'z', pages: ['p', 'q', 'r', 's', 't', 'z'] },
      { expected: 'm', pages: [] },
    ];
    expect(pageRecall(results, [1, 5, 10])).toEqual({ 1: 0.25, 5: 0.5, 10: 0.75 });
  });

  it('is NaN with no questions rather than a made-up number', () => {
    expect(pageRecall([], [1])[1]).toBeNaN();
  });
});
