/** A question the code index answers better than passage search: where a symbol is defined, or what uses it. */
export interface CodeQuestion {
  kind: 'definition' | 'references';
  symbol: string;
}

// A symbol as people write it in a question: `name`, name(), Type.method (the last part is looked up).
const SYMBOL = String.raw`[\`'"]?((?:[A-Za-z_$][\w$]*(?:\.|::))*[A-Za-z_$][\w$]*)(?:\(\))?[\`'"]?`;
const PATTERNS: { kind: CodeQuestion['kind']; re: RegExp }[] = [
  { kind: 'definition', re: new RegExp(String.raw`\bwhere\s+(?:is|are|was)\s+(?:the\s+)?(?:function|method|class|struct|type|interface|trait|constant|variable\s+)?\s*${SYMBOL}\s+(?:defined|declared|implemented)\b`, 'i') },
  { kind: 'definition', re: new RegExp(String.raw`\b(?:definition|declaration|implementation|source)\s+of\s+(?:the\s+)?(?:function|method|class|struct|type\s+)?\s*${SYMBOL}`, 'i') },
  { kind: 'definition', re: new RegExp(String.raw`\b(?:go\s+to|jump\s+to|show\s+me)\s+(?:the\s+)?definition\s+of\s+${SYMBOL}`, 'i') },
  { kind: 'references', re: new RegExp(String.raw`\b(?:what|who|which\s+\w+)\s+(?:calls|uses|references)\s+${SYMBOL}`, 'i') },
  { kind: 'references', re: new RegExp(String.raw`\b(?:callers|usages|uses|references)\s+of\s+${SYMBOL}`, 'i') },
  { kind: 'references', re: new RegExp(String.raw`\bwhere\s+(?:is|are)\s+${SYMBOL}\s+(?:used|called|referenced)\b`, 'i') },
]; // prettier-ignore

/**
 * Words that fill a pattern's symbol slot in ordinary prose, never a symbol asked about. A word that slips through
 * costs little: with no such symbol in the code index the question goes on to passage search.
 */
const NOT_SYMBOLS = new Set(
  'it this that these those the a an he she they we you me him her them us what which for in on to of at by up out'.split(
    ' ',
  ),
);

/**
 * Reads "where is X defined", "definition of X", "what calls X", "references of X" from a question; null for any
 * other question (those go to passage search).
 */
export function parseCodeQuestion(question: string): CodeQuestion | null {
  for (const { kind, re } of PATTERNS) {
    const match = re.exec(question);
    const raw = match?.[1];
    if (!raw) continue;
    const symbol = raw.split(/\.|::/).pop()!;
    if (NOT_SYMBOLS.has(symbol.toLowerCase())) continue;
    return { kind, symbol };
  }
  return null;
}
