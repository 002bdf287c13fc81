import type { Citation } from '../../../electron/shared/answerSchemas';

/** A run of answer text, or one `[n]` citation mark. */
export type AnswerPart = { type: 'text'; value: string } | { type: 'cite'; n: number };

/** `[n]` with 1–3 digits; `[0]` is not a source number. */
const MARK = /\[([1-9]\d{0,2})\]/g;

/** Splits answer text into text runs and `[n]` marks, in order; adjacent text is never split in two. */
export function splitCitations(text: string): AnswerPart[] {
  const parts: AnswerPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MARK)) {
    const start = match.index;
    if (start > last) parts.push({ type: 'text', value: text.slice(last, start) });
    parts.push({ type: 'cite', n: Number(match[1]) });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ type: 'text', value: text.slice(last) });
  return parts;
}

type Located = Pick<Citation, 'page' | 'lineStart' | 'lineEnd'>;

/** Where in its document a passage is: "p. 3", "lines 4–9", "line 4", or '' when unknown. */
export function locationLabel(c: Located): string {
  if (c.page !== undefined) return `p. ${String(c.page)}`;
  if (c.lineStart !== undefined) {
    const end = c.lineEnd ?? c.lineStart;
    return end > c.lineStart ? `lines ${String(c.lineStart)}–${String(end)}` : `line ${String(c.lineStart)}`;
  }
  return '';
}

/** A chip's visible text: "[2] report.pdf p. 3". */
export function chipLabel(c: Pick<Citation, 'n' | 'documentName'> & Located): string {
  const where = locationLabel(c);
  return `[${String(c.n)}] ${c.documentName}${where ? ` ${where}` : ''}`;
}

/** The sources under an answer: those the text cites first, then the rest ("also consulted"), each by number. */
export function orderSources(citations: readonly Citation[]): { cited: Citation[]; consulted: Citation[] } {
  const byNumber = [...citations].sort((a, b) => a.n - b.n);
  return { cited: byNumber.filter((c) => c.cited), consulted: byNumber.filter((c) => !c.cited) };
}

/** Steps of the answering agent, as the status line says them. */
export const STEP_LABELS = {
  retrieving: 'Searching your documents…',
  grading: 'Checking which passages fit…',
  rewriting: 'Rewriting the question…',
  answering: 'Writing the answer…',
} as const;
export type AskStep = keyof typeof STEP_LABELS;
