/** Words beyond this are dropped: a pasted page should not become a thousand-term query. */
export const MAX_QUERY_TERMS = 32;

/**
 * Turns user text into an FTS5 MATCH expression that can only mean "these words". Each word (letters, digits and
 * combining marks, as the unicode61 tokenizer sees them) becomes a quoted string, so `NEAR`, `*`, `-`, `:`, `^` and
 * quotes are plain text, never syntax. Returns null when no word is left, so the caller can skip the query.
 */
export function buildKeywordQuery(text: string, match: 'any' | 'all' | 'prefix' = 'any'): string | null {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const unique = [...new Set(words.map((w) => w.toLowerCase()))].slice(0, MAX_QUERY_TERMS);
  if (unique.length === 0) return null;
  // The regex admits no quote, so wrapping is enough; doubling stays as a guard should the regex ever widen.
  // 'prefix': any word, each also matching longer words that start with it (a stem finds its other forms).
  const quoted = unique.map((w) => `"${w.replaceAll('"', '""')}"${match === 'prefix' ? '*' : ''}`);
  return quoted.join(match === 'all' ? ' AND ' : ' OR ');
}
