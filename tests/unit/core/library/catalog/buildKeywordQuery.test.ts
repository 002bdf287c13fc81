import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildKeywordQuery,
  keywordStopWords,
  narrowedKeywordQuery,
  keywordTerms,
  MAX_QUERY_TERMS,
} from '../../../../../electron/core/library/catalog/buildKeywordQuery';
import {
  foldLatinAccents,
  keywordExact,
  keywordText,
  keywordTitle,
} from '../../../../../electron/core/library/catalog/keywordText';

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
  it('asks for every word and for any word (close together scoring higher, exact forms too), stop words only scoring', () => {
    const near = 'NEAR("invoice" "total" "2024", 10) OR ';
    const any = `${near}"invoice" OR "total" OR "2024" OR "invoice\uE000" OR "total\uE000"`;
    expect(buildKeywordQuery('What is the invoice total 2024?')).toEqual({
      terms: ['invoice', 'total', '2024'],
      phrases: ['"invoice"', '"total"', '"2024"'],
      all: `${near}("invoice" AND "total" AND "2024")`,
      any,
      scoring: `${any} OR "what" OR "is" OR "the"`,
    });
    expect(buildKeywordQuery('invoice')).toEqual({
      terms: ['invoice'],
      phrases: ['"invoice"'],
      all: '"invoice"',
      any: '"invoice" OR "invoice\uE000"',
      scoring: '"invoice" OR "invoice\uE000"',
    });
  });

  it('leaves the NEAR boost out of long queries and marks prefixes', () => {
    const long = buildKeywordQuery('one two three four five');
    expect(long?.all).toBe('"one" AND "two" AND "three" AND "four" AND "five"');
    expect(long?.any).toMatch(/^"one" OR "two" OR "three" OR "four" OR "five" OR "one\uE000"/);
    const prefix = buildKeywordQuery('run fast', true);
    expect(prefix?.phrases).toEqual(['"run"*', '"fast"*']);
    expect(prefix?.any).toBe('NEAR("run"* "fast"*, 10) OR "run"* OR "fast"*');
  });

  it('turns FTS5 operators and punctuation into plain words or nothing', () => {
    expect(buildKeywordQuery('x NEAR(b c) -d* "e" col:f ^g x y z')?.phrases.join(' ')).toBe(
      '"x" "near" "b" "c" "d" "e" "col" "f" "g" "y" "z"',
    );
  });

  it('returns null when no word is left', () => {
    for (const text of ['', '   ', '"', '***', '- - -', '()', '""""']) expect(buildKeywordQuery(text)).toBeNull();
  });
});

describe('keywordStopWords', () => {
  it('lists the stop words a query has beside its terms, once each', () => {
    expect(keywordStopWords('What is the total of the invoice?', ['total', 'invoice'])).toEqual([
      'what',
      'is',
      'the',
      'of',
    ]);
    expect(keywordStopWords('to be or not', ['to', 'be', 'or', 'not'])).toEqual([]);
  });
});

describe('foldLatinAccents', () => {
  it('drops the accents of Latin letters, composed or combining, and keeps the marks of other scripts', () => {
    expect(foldLatinAccents('Café crème, naïve Ångström')).toBe('Cafe creme, naive Angstrom');
    expect(foldLatinAccents('cafe\u0301')).toBe('cafe');
    expect(foldLatinAccents('ภาษาไทย हिन्दी')).toBe('ภาษาไทย हिन्दी'.normalize('NFC'));
    expect(foldLatinAccents('plain ascii')).toBe('plain ascii');
  });
});

describe('keywordExact', () => {
  it('keeps the words porter may change as written, marked so porter leaves them be', () => {
    expect(keywordExact('Outputs of git-log, café 42 ab')).toBe('outputs\uE000 git\uE000 log\uE000');
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
  let add: (rowid: number, title: string, body: string) => void;
  beforeEach(() => {
    db = new DatabaseSync(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, body, exact, content = '', contentless_delete = 1,
      tokenize = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'");
      INSERT INTO t (t, rank) VALUES ('rank', 'bm25(3, 1, 0.5)')`);
    const insert = db.prepare('INSERT INTO t (rowid, title, body, exact) VALUES (?, ?, ?, ?)');
    add = (rowid, title, body) => insert.run(rowid, title, keywordText(body), keywordExact(body));
    add(1, '', 'She runs every morning before work.');
    add(2, '', 'The cat sat on the mat.');
    add(3, '', '私は東京に住んでいます。');
    add(4, '', 'Connection settings are in the connections panel.');
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

  it('scores the rows a part of the query selects by the whole query: doubled less partial', () => {
    add(5, 'Cat care', 'The cat runs to work.');
    const query = buildKeywordQuery('the cat runs to work')!;
    const score = (match: string): Map<number, number> =>
      new Map(
        (db.prepare('SELECT rowid, rank FROM t WHERE t MATCH ?').all(match) as { rowid: number; rank: number }[]).map(
          (r) => [r.rowid, r.rank],
        ),
      );
    const whole = score(query.scoring);
    const { partial, doubled } = narrowedKeywordQuery(query, '"cat"');
    const p = score(partial);
    const d = score(doubled);
    expect([...d.keys()].sort()).toEqual([2, 5]);
    for (const [rowid, rank] of d) expect(rank - p.get(rowid)!).toBeCloseTo(whole.get(rowid)!, 9);
  });

  it('ranks a word as written above the other forms of its stem', () => {
    add(6, '', 'The build writes its output to a folder, and more output after that.');
    add(7, '', 'The build writes its outputs to a folder.');
    const query = buildKeywordQuery('outputs')!;
    const rows = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank').all(query.any) as { rowid: number }[];
    expect(rows.map((r) => r.rowid)).toEqual([7, 6]);
  });
});
