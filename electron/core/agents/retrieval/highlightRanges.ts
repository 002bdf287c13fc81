import type { Highlight } from '../../../shared/searchSchemas';
import { keywordTerms } from '../../library/catalog/buildKeywordQuery';

/** Letters, marks and digits: a word in any script that separates words with spaces or punctuation. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?/gu;
/** Scripts written without spaces between words: a query word is found anywhere inside a run of them. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;

/** Lowercase without a trailing possessive. */
function fold(word: string): string {
  return word.toLowerCase().replace(/['’]s$/u, '');
}

/**
 * A rough English stem, so "repaired", "repairs" and "repairing" all mark "repair": plural -s/-es/-ies, -ed and
 * -ing (with a doubled consonant undone), then a final -e. Both sides go through it, so only agreement matters.
 */
function stem(word: string): string {
  let w = fold(word);
  if (!/^[a-z]+$/.test(w) || w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz|ff)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

interface QueryTerms {
  /** Stems of words in spaced scripts. */
  stems: Set<string>;
  /** Lowercased runs of unspaced scripts, found as substrings. */
  fragments: string[];
}

/** The query's words as the keyword index reads them (stop words out, unspaced scripts segmented), sorted by kind. */
function queryTerms(query: string): QueryTerms {
  const terms = keywordTerms(query);
  // A lone letter left by "gardener's" or "C++" would mark every such letter; kept only when it is all there is.
  const longer = terms.filter((t) => t.length > 1 || UNSPACED.test(t));
  const stems = new Set<string>();
  const fragments: string[] = [];
  for (const term of longer.length > 0 ? longer : terms) {
    if (UNSPACED.test(term)) fragments.push(term);
    else stems.add(stem(term));
  }
  return { stems, fragments };
}

/** Sorts and merges overlapping or touching ranges. */
function merge(ranges: Highlight[]): Highlight[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Highlight[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/**
 * Where the words of `query` occur in `text`, as UTF-16 offsets into `text` (what `<mark>` needs): whole words,
 * case-insensitively in any script, matching simple English inflections; words of scripts without spaces (Chinese,
 * Japanese, Thai) are found inside longer runs. The words are those the keyword index searches (`keywordTerms`), so
 * common words ("the", "of") are not marked unless the query is only those. Ranges are sorted and never overlap.
 */
export function highlightRanges(text: string, query: string): Highlight[] {
  const { stems, fragments } = queryTerms(query);
  if (stems.size === 0 && fragments.length === 0) return [];
  const ranges: Highlight[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const start = match.index;
    if (stems.size > 0 && stems.has(stem(word))) {
      ranges.push({ start, end: start + word.length });
      continue;
    }
    if (fragments.length === 0 || !UNSPACED.test(word)) continue;
    // Lowercasing can change a string's length outside these scripts only, so offsets in `lower` are offsets in `word`.
    const lower = word.toLowerCase();
    if (lower.length !== word.length) continue;
    for (const fragment of fragments) {
      for (let at = lower.indexOf(fragment); at !== -1; at = lower.indexOf(fragment, at + fragment.length)) {
        ranges.push({ start: start + at, end: start + at + fragment.length });
      }
    }
  }
  return merge(ranges);
}
