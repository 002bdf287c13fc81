/**
 * The citation grammar of answers, for the core (which marks the sources an answer cites) and the renderer (which
 * draws them as chips): `[n]` or a group `[n, m, …]`, each number 1–999. `[0]`, `[1234]`, `[ 2 ]` and `[x]` are
 * not citations.
 */

/** A run of answer text, or one cited source number (a group `[1, 3]` gives one part per number). */
export type AnswerPart = { type: 'text'; value: string } | { type: 'cite'; n: number };

const NUMBER = '[1-9]\\d{0,2}';
/** A citation group; the capture holds its numbers with their commas. */
const GROUP = new RegExp(`\\[(${NUMBER}(?:\\s*,\\s*${NUMBER})*)\\]`, 'g');

function numbersOf(group: string): number[] {
  return group.split(',').map((s) => Number(s.trim()));
}

/** Splits answer text into text runs and cited numbers, in order; adjacent text is never split in two. */
export function splitCitations(text: string): AnswerPart[] {
  const parts: AnswerPart[] = [];
  let last = 0;
  for (const match of text.matchAll(GROUP)) {
    const start = match.index;
    if (start > last) parts.push({ type: 'text', value: text.slice(last, start) });
    for (const n of numbersOf(match[1]!)) parts.push({ type: 'cite', n });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ type: 'text', value: text.slice(last) });
  return parts;
}

/** Source numbers an answer cites: `[2]`, `[1][3]`, `[1, 3]`; numbers above `max` (no such source) are left out. */
export function citedNumbers(answer: string, max: number): Set<number> {
  const cited = new Set<number>();
  for (const part of splitCitations(answer)) {
    if (part.type === 'cite' && part.n <= max) cited.add(part.n);
  }
  return cited;
}
