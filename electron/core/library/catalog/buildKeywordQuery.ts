import { keywordText } from './keywordText';

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

/** The MATCH expressions for one query, strictest first (see KeywordIndex.search). */
export interface KeywordQuery {
  terms: string[];
  /** Every word; with 2–4 words, rows where they stand within a few words of each other score higher. */
  all: string;
  /** Any word. */
  any: string;
}

/**
 * Turns user text into FTS5 MATCH expressions that can only mean "these words". Each word (letters, digits and
 * combining marks, as the index's tokenizer sees them) becomes a quoted string, so `NEAR`, `*`, `-`, `:`, `^` and
 * quotes are plain text, never syntax; the NEAR group is built here, from quoted words only. `prefix`: each word
 * also matches longer words that start with it (a stem finds its other forms). Null when no word is left.
 */
export function buildKeywordQuery(text: string, prefix = false): KeywordQuery | null {
  const terms = keywordTerms(text);
  if (terms.length === 0) return null;
  // The regex admits no quote, so wrapping is enough; doubling stays as a guard should the regex ever widen.
  const quoted = terms.map((w) => `"${w.replaceAll('"', '""')}"${prefix ? '*' : ''}`);
  const every = quoted.join(' AND ');
  // Rows inside the NEAR group match both halves of the OR, so BM25 counts their words twice: a proximity boost
  // in one pass, over exactly the rows that hold every word.
  const near = terms.length >= 2 && terms.length <= NEAR_MAX_TERMS;
  return {
    terms,
    all: near ? `NEAR(${quoted.join(' ')}, ${NEAR_DISTANCE}) OR (${every})` : every,
    any: quoted.join(' OR '),
  };
}
