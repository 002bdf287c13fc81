import type { DatabaseSync } from 'node:sqlite';

/**
 * Scripts written without spaces between words. FTS5's unicode61 tokenizer splits only at spaces and punctuation,
 * so a Chinese, Japanese or Thai sentence would be one token and no word inside it could be found.
 */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

// ICU's dictionary segmentation picks the dictionary by script, not by locale, so one segmenter serves all.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * The text as the keyword index sees it: NFC, and runs of unspaced scripts cut into words with spaces between them
 * (Intl.Segmenter), so "東京に住む" is indexed as "東京 に 住む". Index and query go through the same function, so a
 * word segments the same way on both sides. Text without such scripts comes back unchanged (the common, fast path).
 */
export function keywordText(text: string): string {
  const normal = text.normalize('NFC');
  if (!UNSPACED.test(normal)) return normal;
  let out = '';
  for (const { segment } of segmenter.segment(normal)) {
    out += UNSPACED.test(segment) ? ` ${segment} ` : segment;
  }
  return out;
}

/** Combining marks on a Latin letter: the accents SQLite's tokenizer drops (remove_diacritics) and PostgreSQL keeps. */
const LATIN_ACCENT = /(?<=\p{Script=Latin})\p{M}+/gu;

/**
 * Text with the accents of Latin letters removed, so "cafe" finds "café" on PostgreSQL as it does on SQLite (whose
 * tokenizer drops them). Marks of other scripts (Thai vowels, Devanagari signs) are part of the word and stay. The
 * PostgreSQL keyword columns and query words both go through it.
 */
export function foldLatinAccents(text: string): string {
  // ASCII has nothing to fold (the common, fast path).
  if (!/[^\p{ASCII}]/u.test(text)) return text;
  return text.normalize('NFD').replace(LATIN_ACCENT, '').normalize('NFC');
}

/**
 * Appended to a word to keep it as written: a private-use character is part of a word for the index's tokenizer
 * (categories L* N* Co M*) and no English suffix, so porter leaves the word whole, and no real text contains it.
 */
const EXACT_MARK = '\uE000';
/** Words porter may change: ASCII, three characters or more, starting with a letter. */
const STEMMABLE = /^[a-z][a-z0-9]{2,}$/;

/** The term that finds `word` (lower case) exactly as written in the exact column, or null if porter leaves it be. */
export function exactTerm(word: string): string | null {
  return STEMMABLE.test(word) ? `${word}${EXACT_MARK}` : null;
}

/**
 * The exact column of a chunk: the stemmable words of its title and text as written (exactTerm), so a query word in the same form scores
 * above the other forms its stem stands for.
 */
export function keywordExact(text: string): string {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return words.flatMap((w) => exactTerm(w.toLowerCase()) ?? []).join(' ');
}

/**
 * The title column of a chunk: the document's name without its extension, and the headings above the chunk. Matches
 * here weigh more than in the body (see the `rank` configured in the keyword-index migration).
 */
export function keywordTitle(name: string | null, provenanceJson: string | null): string {
  const base = (name ?? '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  let headings: unknown = [];
  try {
    headings = (JSON.parse(provenanceJson ?? '{}') as { headingPath?: unknown }).headingPath ?? [];
  } catch {
    // A malformed provenance never blocks a write: the chunk is indexed by name and text alone.
  }
  const path = Array.isArray(headings) ? headings.filter((h): h is string => typeof h === 'string') : [];
  return keywordText([base, ...path].join(' \n '));
}

/**
 * Registers the SQL functions the keyword-index triggers call. Per connection: every connection that writes chunks
 * must call this first (Catalog.open does, and so does the migration that creates the triggers).
 */
export function registerKeywordFunctions(db: DatabaseSync): void {
  const options = { deterministic: true, directOnly: false, varargs: false };
  db.function('hearth_keyword_text', options, (text) => keywordText(typeof text === 'string' ? text : ''));
  db.function('hearth_keyword_exact', options, (text) => keywordExact(typeof text === 'string' ? text : ''));
  db.function('hearth_keyword_title', options, (name, provenance) =>
    keywordTitle(typeof name === 'string' ? name : null, typeof provenance === 'string' ? provenance : null),
  );
}
