import { describe, expect, it } from 'vitest';
import { buildKeywordQuery, MAX_QUERY_TERMS } from '../../../../../electron/core/library/catalog/buildKeywordQuery';

describe('buildKeywordQuery', () => {
  it('quotes every word and joins them with OR by default', () => {
    expect(buildKeywordQuery('Invoice total 2024')).toBe('"invoice" OR "total" OR "2024"');
  });

  it('joins with AND when every word is required', () => {
    expect(buildKeywordQuery('alpha beta', 'all')).toBe('"alpha" AND "beta"');
  });

  it('turns FTS5 operators and punctuation into plain words or nothing', () => {
    expect(buildKeywordQuery('a NEAR(b c) -d* "e" col:f ^g')).toBe(
      '"a" OR "near" OR "b" OR "c" OR "d" OR "e" OR "col" OR "f" OR "g"',
    );
  });

  it('returns null when no word is left', () => {
    for (const text of ['', '   ', '"', '***', '- - -', '()', '""""']) expect(buildKeywordQuery(text)).toBeNull();
  });

  it('keeps unicode words, deduplicated and capped', () => {
    expect(buildKeywordQuery('Café café 東京 naïve')).toBe('"café" OR "東京" OR "naïve"');
    const many = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    expect(buildKeywordQuery(many)?.split(' OR ')).toHaveLength(MAX_QUERY_TERMS);
  });
});
