import { describe, expect, it } from 'vitest';
import { Bm25Index, bm25Tokens } from '../../../../scripts/bench/retrieval/bm25';

describe('bm25Tokens', () => {
  it('lower-cases and splits on anything but letters and digits, keeping every word (no stems, no stop words)', () => {
    expect(bm25Tokens('The http.postBuffer, SHA-1 and the index!')).toEqual([
      'the',
      'http',
      'postbuffer',
      'sha',
      '1',
      'and',
      'the',
      'index',
    ]);
    expect(bm25Tokens('Größe naïve')).toEqual(['größe', 'naïve']);
    expect(bm25Tokens('  ... ')).toEqual([]);
  });
});

describe('Bm25Index', () => {
  const passages = [
    { id: 'a', text: 'fetch downloads objects and refs from another repository' },
    { id: 'b', text: 'pull fetches and then merges into the current branch' },
    { id: 'c', text: 'the cat sat on the mat' },
    { id: 'd', text: 'merge merge merge joins histories' },
  ];

  it('computes the Okapi score with k1 1.2 and b 0.75 (checked by hand)', () => {
    const index = new Bm25Index(passages);
    // "objects" occurs once, in a (8 words); N = 4, avgdl = (8 + 9 + 6 + 5) / 4 = 7.
    const idf = Math.log(1 + (4 - 1 + 0.5) / (1 + 0.5));
    const norm = 1.2 * (1 - 0.75 + (0.75 * 8) / 7);
    const [hit, ...rest] = index.search('objects', 10);
    expect(hit!.id).toBe('a');
    expect(hit!.score).toBeCloseTo((idf * 1 * 2.2) / (1 + norm), 10);
    expect(rest).toEqual([]);
  });

  it('saturates term frequency and ranks a rarer word above a common one', () => {
    const index = new Bm25Index(passages);
    const [first, second] = index.search('merges merge', 10);
    expect(first!.id).toBe('d');
    expect(second!.id).toBe('b');
    // Three occurrences score less than three times one occurrence (k1 saturation).
    const once = new Bm25Index([
      { id: 'x', text: 'merge a b c' },
      { id: 'y', text: 'z z z z' },
    ]).search('merge', 1)[0]!.score;
    const thrice = new Bm25Index([
      { id: 'x', text: 'merge merge merge c' },
      { id: 'y', text: 'z z z z' },
    ]).search('merge', 1)[0]!.score;
    expect(thrice).toBeGreaterThan(once);
    expect(thrice).toBeLessThan(3 * once);
    // "the" is in two passages, "cat" in one: the rarer word decides.
    expect(index.search('the cat', 1)[0]!.id).toBe('c');
    expect(index.search('the branch', 1)[0]!.id).toBe('b');
  });

  it('normalises by length: the same match in a shorter passage ranks first', () => {
    const index = new Bm25Index([
      { id: 'long', text: 'stash saves changes away for later along with many other words here' },
      { id: 'short', text: 'stash saves changes' },
    ]);
    expect(index.search('stash', 2).map((h) => h.id)).toEqual(['short', 'long']);
    const flat = new Bm25Index(
      [
        { id: 'long', text: 'stash saves changes away for later along with many other words here' },
        { id: 'short', text: 'stash saves changes' },
      ],
      { b: 0 },
    );
    const [x, y] = flat.search('stash', 2);
    expect(x!.score).toBeCloseTo(y!.score, 12);
  });

  it('counts a repeated query word once, leaves out passages sharing no word, and honours topK', () => {
    const index = new Bm25Index(passages);
    expect(index.search('cat cat cat', 10)).toEqual(index.search('cat', 10));
    expect(index.search('nothing here matches', 10).map((h) => h.id)).toEqual([]);
    expect(index.search('zebra', 10)).toEqual([]);
    expect(index.search('the and', 1)).toHaveLength(1);
    expect(new Bm25Index([]).search('anything', 5)).toEqual([]);
  });
});
