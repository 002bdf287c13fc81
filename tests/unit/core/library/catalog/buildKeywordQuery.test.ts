import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildKeywordQuery,
  keywordTerms,
  MAX_QUERY_TERMS,
} from '../../../../../electron/core/library/catalog/buildKeywordQuery';
import { keywordText, keywordTitle } from '../../../../../electron/core/library/catalog/keywordText';

describe('keywordTerms', () => {
  it('drops English stop words unless the query has nothing else', () => {
    expect(keywordTerms('What is the total of the invoice?')).toEqual(['total', 'invoice']);
    expect(keywordTerms('to be or not to be')).toEqual(['to', 'be', 'or', 'not']);
  });

  it('segments unspaced scripts like the index does, leaving particles out', () => {
    expect(keywordText('東京に住んでいます')).toContain(' 東京 ');
    expect(keywordTerms('東京に住んでいます')).toContain('東京');
    expect(keywordTerms('東京に住んでいます')).not.toContain('に');
    expect(keywordTerms('ภาษาไทยง่าย')).toEqual(['ภาษา', 'ไทย', 'ง่าย']);
  });

  it('keeps unicode words, deduplicated and capped', () => {
    expect(keywordTerms('Café café naïve')).toEqual(['café', 'naïve']);
    const many = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    expect(keywordTerms(many)).toHaveLength(MAX_QUERY_TERMS);
  });
});

describe('buildKeywordQuery', () => {
  it('asks for every word (close together scoring higher), then any word', () => {
    expect(buildKeywordQuery('Invoice total 2024')).toEqual({
      terms: ['invoice', 'total', '2024'],
      all: 'NEAR("invoice" "total" "2024", 10) OR ("invoice" AND "total" AND "2024")',
      any: '"invoice" OR "total" OR "2024"',
    });
    expect(buildKeywordQuery('invoice')).toEqual({ terms: ['invoice'], all: '"invoice"', any: '"invoice"' });
  });

  it('leaves the NEAR boost out of long queries and marks prefixes', () => {
    const long = buildKeywordQuery('one two three four five');
    expect(long?.all).toBe('"one" AND "two" AND "three" AND "four" AND "five"');
    expect(buildKeywordQuery('run fast', true)?.any).toBe('"run"* OR "fast"*');
  });

  it('turns FTS5 operators and punctuation into plain words or nothing', () => {
    expect(buildKeywordQuery('x NEAR(b c) -d* "e" col:f ^g')?.any).toBe(
      '"x" OR "near" OR "b" OR "c" OR "d" OR "e" OR "col" OR "f" OR "g"',
    );
  });

  it('returns null when no word is left', () => {
    for (const text of ['', '   ', '"', '***', '- - -', '()', '""""']) expect(buildKeywordQuery(text)).toBeNull();
  });
});

describe('keywordTitle', () => {
  it('is the document name without extension and the headings', () => {
    expect(keywordTitle('Install Guide.md', '{"headingPath":["Setup","Linux"]}')).toBe(
      'Install Guide \n Setup \n Linux',
    );
    expect(keywordTitle(null, 'not json')).toBe('');
  });
});

describe('the queries against a real FTS5 index (porter over unicode61)', () => {
  let db: DatabaseSync;
  beforeEach(() => {
    db = new DatabaseSync(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, body, content = '', contentless_delete = 1,
      tokenize = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'")`);
    const insert = db.prepare('INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)');
    insert.run(1, '', keywordText('She runs every morning before work.'));
    insert.run(2, '', keywordText('The cat sat on the mat.'));
    insert.run(3, '', keywordText('私は東京に住んでいます。'));
    insert.run(4, '', keywordText('Connection settings are in the connections panel.'));
  });
  afterEach(() => db.close());

  const find = (text: string, tier: 'all' | 'any' = 'all'): number[] => {
    const query = buildKeywordQuery(text);
    if (!query) return [];
    const rows = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').all(query[tier]) as {
      rowid: number;
    }[];
    return rows.map((r) => r.rowid);
  };

  it('stems English: running finds runs, connected finds connection', () => {
    expect(find('running')).toEqual([1]);
    expect(find('connected setting')).toEqual([4]);
  });

  it('finds a Japanese word inside a sentence', () => {
    expect(find('東京')).toEqual([3]);
  });

  it('ignores stop words, so a question matches on what it is about', () => {
    expect(find('where is the cat?')).toEqual([2]);
    expect(find('what about the cat and the morning', 'any')).toEqual([1, 2]);
  });
});
