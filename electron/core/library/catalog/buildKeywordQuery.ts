import { exactTerm, keywordText } from './keywordText';

/** Words beyond this are dropped: a pasted page should not become a thousand-term query. */
export const MAX_QUERY_TERMS = 32;

/**
 * Queries with at most this many words also score the words found close together (NEAR) higher. Short queries are
 * where word order and proximity tell most; NEAR reads every position of every word, a cost longer questions skip.
 */
const NEAR_MAX_TERMS = 4;
/** How many tokens apart the words of a NEAR group may be. */
const NEAR_DISTANCE = 10;

/**
 * Words that say nothing about what a passage is about. Dropped from queries (not from the index, so phrases keep
 * them), unless the query has nothing else. Small on purpose: a longer list starts removing words people search for.
 */
const STOP_WORDS = new Set(
  `a about an and are as at be been but by can could did do does for from had has have how i if in into is it its
   me my of on or our she so than that the their them then there these they this to was we were what when where
   which who why will with would you your he his her him not no`.split(/\s+/),
);

/** Hiragana particles and endings of one or two characters (の, に, です…): the stop words of Japanese. */
const KANA_PARTICLE = /^\p{Script=Hiragana}{1,2}$/u;

/**
 * The words of a query as the keyword index sees them: NFC, unspaced scripts segmented like the index (keywordText),
 * lower case, each once, at most MAX_QUERY_TERMS. Stop words are left out unless nothing else is left.
 */
export function keywordTerms(text: string): string[] {
  const words = keywordText(text).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const unique = [...new Set(words.map((w) => w.toLowerCase()))];
  const content = unique.filter((w) => !STOP_WORDS.has(w) && !KANA_PARTICLE.test(w));
  return (content.length > 0 ? content : unique).slice(0, MAX_QUERY_TERMS);
}

/** The MATCH expressions for one query (see KeywordIndex.search). */
export interface KeywordQuery {
  terms: string[];
  /** Each word as an FTS5 string: quoted, and with `*` when matching prefixes. */
  phrases: string[];
  /** Every word; with 2–4 words, rows where they stand within a few words of each other score higher. */
  all: string;
  /**
   * Any word, with the same proximity boost, and each word also as written (the index's exact column) so that form
   * scores above the stem's others: the rows a search may return.
   */
  any: string;
  /** `any` and the query's stop words: what those rows are ranked by. Stop words never select a row. */
  scoring: string;
}

const quote = (word: string, prefix: boolean): string => `"${word.replaceAll('"', '""')}"${prefix ? '*' : ''}`;

/**
 * Turns user text into FTS5 MATCH expressions that can only mean "these words". Each word (letters, digits and
 * combining marks, as the index's tokenizer sees them) becomes a quoted string, so `NEAR`, `*`, `-`, `:`, `^` and
 * quotes are plain text, never syntax; the NEAR group is built here, from quoted words only. `prefix`: each word
 * also matches longer words that start with it (a stem finds its other forms; no exact forms then). Null when no
 * word is left.
 */
export function buildKeywordQuery(text: string, prefix = false): KeywordQuery | null {
  const terms = keywordTerms(text);
  if (terms.length === 0) return null;
  // The regex admits no quote, so wrapping is enough; doubling stays as a guard should the regex ever widen.
  const phrases = terms.map((w) => quote(w, prefix));
  // Rows inside the NEAR group match it and the words themselves, so BM25 counts their words twice: a proximity
  // boost in the same pass.
  const near =
    terms.length >= 2 && terms.length <= NEAR_MAX_TERMS ? `NEAR(${phrases.join(' ')}, ${NEAR_DISTANCE}) OR ` : '';
  const exact = prefix ? [] : terms.flatMap((w) => exactTerm(w) ?? []).map((w) => quote(w, false));
  const any = `${near}${[...phrases, ...exact].join(' OR ')}`;
  // Stop words weigh in as plain BM25 weighs them (a small idf), but a row holding nothing else is no answer.
  const stop = keywordStopWords(text, terms).map((w) => quote(w, prefix));
  const every = phrases.join(' AND ');
  return {
    terms,
    phrases,
    all: near ? `${near}(${every})` : every,
    any,
    scoring: stop.length ? `${any} OR ${stop.join(' OR ')}` : any,
  };
}

/** The stop words of `text` not already among its `terms`, within MAX_QUERY_TERMS in all: words that only score. */
export function keywordStopWords(text: string, terms: readonly string[]): string[] {
  const words = keywordText(text).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const taken = new Set(terms);
  const stop = [...new Set(words.map((w) => w.toLowerCase()))].filter((w) => STOP_WORDS.has(w) && !taken.has(w));
  return stop.slice(0, Math.max(0, MAX_QUERY_TERMS - terms.length));
}

/**
 * Two expressions matching the rows that `partial` matches (rows holding some of the query's words) whose BM25
 * scores differ by exactly the score of `query.scoring`: `doubled` is `partial` AND `scoring`, and FTS5's bm25 sums
 * over the expression's phrases, each with its own idf, every phrase of a matched AND/OR node counting where its
 * word occurs. So rows are ranked by the whole query while only the rows `partial` selects are scored, and words
 * that only score (stop words) never select a row.
 */
export function narrowedKeywordQuery(query: KeywordQuery, partial: string): { partial: string; doubled: string } {
  return { partial, doubled: `(${partial}) AND (${query.scoring})` };
}
